package dev.signoff.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The first rows of a CSV artifact (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). The
 * first record is the header. {@code totalRows} counts the data records read; when the text was cut at the preview
 * size it is a lower bound ({@code complete == false}) and the cut record is dropped.
 */
public record CsvTable(List<String> header, List<List<String>> rows, long totalRows, boolean complete) {

    public static CsvTable parse(String text, boolean complete, int maxRows) {
        List<List<String>> records = new ArrayList<>();
        long[] count = {0};
        List<String> header = new ArrayList<>();
        Parser parser = new Parser(text, record -> {
            if (count[0] == 0 && header.isEmpty()) {
                header.addAll(record);
                return;
            }
            if (records.size() < maxRows) {
                records.add(record);
            }
            count[0]++;
        });
        parser.run(complete);
        return new CsvTable(header, records, count[0], complete);
    }

    /** Rows shown, for "showing N of M rows". */
    public int shown() {
        return rows.size();
    }

    /** Cells in the widest row, so that short rows still fill the table. */
    public int width() {
        int width = header.size();
        for (List<String> row : rows) {
            width = Math.max(width, row.size());
        }
        return width;
    }

    private static final class Parser {
        private final String text;
        private final java.util.function.Consumer<List<String>> sink;

        Parser(String text, java.util.function.Consumer<List<String>> sink) {
            this.text = text;
            this.sink = sink;
        }

        void run(boolean complete) {
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int i = text.startsWith("\uFEFF") ? 1 : 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                any = true;
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    sink.accept(record);
                    record = new ArrayList<>();
                    any = false;
                } else {
                    field.append(c);
                }
            }
            // A cut text ends inside its last record: showing half a row would mislead, so it is left out.
            if (any && complete) {
                record.add(field.toString());
                sink.accept(record);
            }
        }
    }
}
