package dev.carryon.core.store;

import dev.carryon.core.UploadInfo;

import java.util.List;

/**
 * One page of a {@link Listable} store's uploads.
 *
 * @param uploads the uploads, newest first
 * @param next    where the next page starts, or null if this is the last one
 */
public record UploadPage(List<UploadInfo> uploads, ListCursor next) {

    public UploadPage {
        uploads = List.copyOf(uploads);
    }

    /**
     * The page of {@code all} (in any order) that follows {@code after}: for stores that read every upload's
     * description anyway and only need to sort and cut.
     */
    public static UploadPage of(List<UploadInfo> all, ListCursor after, int limit) {
        List<UploadInfo> sorted = all.stream()
                .filter(info -> after == null || after.precedes(info))
                .sorted(ListCursor.NEWEST_FIRST)
                .toList();
        if (sorted.size() <= limit) {
            return new UploadPage(sorted, null);
        }
        List<UploadInfo> page = sorted.subList(0, limit);
        return new UploadPage(page, ListCursor.after(page.getLast()));
    }
}
