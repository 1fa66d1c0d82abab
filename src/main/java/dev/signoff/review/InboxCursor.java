package dev.signoff.review;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Where the next inbox page starts: the sort keys of the last row shown (keyset paging, never OFFSET). Opaque to
 * clients (base64url); it names its view and sort so that a cursor pasted into another view is refused, not
 * misread.
 *
 * @param band which band of the sort the row was in ({@link InboxSql.Band})
 * @param instants the row's time keys in the band's order
 */
record InboxCursor(String view, String sort, int band, List<Instant> instants, UUID id) {

    private static final String VERSION = "c1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    String encode() {
        List<String> parts = new ArrayList<>(List.of(VERSION, view, sort, Integer.toString(band)));
        instants.forEach(i -> parts.add(i.toString()));
        parts.add(id.toString());
        return ENCODER.encodeToString(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, if it is one this inbox gave out for this view and sort; {@link InvalidCursorException} if not. */
    static InboxCursor decode(String text, String view, String sort) {
        try {
            String[] parts = new String(DECODER.decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length < 5 || !parts[0].equals(VERSION)) {
                throw refused();
            }
            if (!parts[1].equals(view) || !parts[2].equals(sort)) {
                throw new InvalidCursorException(
                        "\"after\" belongs to another view or sort: start again from the first page");
            }
            List<Instant> instants = new ArrayList<>();
            for (int i = 4; i < parts.length - 1; i++) {
                instants.add(Instant.parse(parts[i]));
            }
            return new InboxCursor(
                    view, sort, Integer.parseInt(parts[3]), instants, UUID.fromString(parts[parts.length - 1]));
        } catch (InvalidCursorException refused) {
            throw refused;
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException garbage) {
            throw refused();
        }
    }

    private static InvalidCursorException refused() {
        return new InvalidCursorException("\"after\" is not a cursor this inbox gave out: start from the first page");
    }
}
