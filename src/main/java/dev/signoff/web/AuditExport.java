package dev.signoff.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.admin.AuditEntry;
import dev.signoff.admin.AuditFilter;
import dev.signoff.admin.AuditTrail;
import dev.signoff.admin.Cursor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the audit events of a filter as CSV or JSON lines while it reads them, one keyset batch at a time: memory
 * holds one batch, whatever the size of the trail. Newest first, like the page.
 */
final class AuditExport {

    static final String CSV_HEADER = "at,actor,actor_name,task_id,type,detail,id";

    private AuditExport() {}

    static void csv(AuditTrail trail, AuditFilter filter, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write(CSV_HEADER + "\r\n");
        each(
                trail,
                filter,
                writer,
                e -> String.join(
                                ",",
                                cell(e.at().toString()),
                                cell(e.actor()),
                                cell(e.actorName()),
                                cell(e.taskId() == null ? null : e.taskId().toString()),
                                cell(e.type()),
                                cell(e.detail()),
                                cell(e.id().toString()))
                        + "\r\n");
    }

    static void jsonLines(AuditTrail trail, AuditFilter filter, ObjectMapper json, OutputStream out)
            throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        each(trail, filter, writer, e -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("at", e.at().toString());
            line.put("actor", e.actor());
            line.put("actorName", e.actorName());
            line.put("taskId", e.taskId() == null ? null : e.taskId().toString());
            line.put("type", e.type());
            line.put("detail", e.detail());
            line.put("id", e.id().toString());
            try {
                // Jackson escapes line breaks inside strings, so each event stays on one line.
                return json.writeValueAsString(line) + "\n";
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
    }

    /**
     * One RFC 4180 field, always quoted (quotes doubled; commas and line breaks kept inside). A value a spreadsheet
     * would run as a formula (leading =, +, -, @, tab or carriage return: OWASP's list) gets a leading apostrophe,
     * so a reviewer's comment "=HYPERLINK(...)" is text in Excel, not a link.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static void each(
            AuditTrail trail, AuditFilter filter, Writer writer, java.util.function.Function<AuditEntry, String> line)
            throws IOException {
        Cursor after = null;
        while (true) {
            List<AuditEntry> batch = trail.batch(filter, after, AuditTrail.EXPORT_BATCH);
            for (AuditEntry e : batch) {
                writer.write(line.apply(e));
            }
            writer.flush();
            if (batch.size() < AuditTrail.EXPORT_BATCH) {
                return;
            }
            AuditEntry last = batch.get(batch.size() - 1);
            after = new Cursor(last.at(), last.id());
        }
    }
}
