# Sourced by the launcher and the test scripts: defines `carryon_java_home`, which prints the home of a
# JDK 21 or newer, looking at JAVA_HOME, then the java on PATH, then the usual install locations.

carryon_java_major() { # the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

carryon_java_home() {
  local candidates=() d home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)")
  fi
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(carryon_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$home"
      return 0
    fi
  done
  echo "carryon: needs a JDK 21 or newer; none found in JAVA_HOME, on PATH or in the usual places." >&2
  echo "carryon: install one (e.g. 'apt-get install openjdk-21-jdk-headless' or from adoptium.net) and set JAVA_HOME." >&2
  return 1
}

# Maven itself touches sun.misc.Unsafe; newer JDKs warn about it on every run unless told it is allowed.
carryon_maven_opts() {
  local major
  major=$(carryon_java_major "$1/bin/java")
  if [ -n "$major" ] && [ "$major" -ge 24 ]; then
    echo "--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
  else
    echo "${MAVEN_OPTS:-}"
  fi
}
