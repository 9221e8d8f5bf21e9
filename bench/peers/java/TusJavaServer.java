import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import me.desair.tus.server.TusFileUploadService;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * tus-java-server (me.desair.tus, from Maven Central) as a benchmark peer: its upload service behind one
 * servlet in an embedded Jetty 12 on 127.0.0.1, uploads at /files/ stored in DIR. Run from source with the
 * class path that bench/run resolves: {@code java -cp "$(cat target/peers.classpath)" TusJavaServer.java PORT DIR}.
 */
public class TusJavaServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        TusFileUploadService tus = new TusFileUploadService()
                .withStoragePath(args[1])
                .withUploadUri("/files");

        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                tus.process(request, response);
            }
        }), "/files/*");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        System.out.println("tus-java-server listening on http://127.0.0.1:" + port + "/files/");
        server.join();
    }
}
