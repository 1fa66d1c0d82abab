package dev.signoff.review;

import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequestParser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Fills the inbox's severity and search columns (V9) of tasks stored before they existed. It runs in Java at
 * start-up because the values come from the stored request JSON, which SQL cannot parse on H2 (the sandbox), and
 * because a migration that parses JSON in PostgreSQL would duplicate the contract's rules. Rows are written by a
 * conditional update (no version bump), so a decision racing it loses nothing. Until a row is filled it has no
 * severity and matches no search.
 */
@ApplicationScoped
class InboxBackfill {

    private static final Logger LOG = Logger.getLogger(InboxBackfill.class);
    private static final int BATCH = 200;

    private final ReviewRequestParser parser;

    InboxBackfill(ReviewRequestParser parser) {
        this.parser = parser;
    }

    void onStart(@Observes StartupEvent started) {
        try {
            int filled = 0;
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(this::fillBatch);
                filled += batch;
            } while (batch == BATCH);
            if (filled > 0) {
                LOG.infof("Filled the inbox's severity and search text of %d tasks stored before V9", filled);
            }
        } catch (RuntimeException e) {
            // Not worth refusing to start over: those tasks stay listed, only unsearchable, until the next start.
            LOG.warn("Could not fill the inbox columns of older tasks; trying again at the next start", e);
        }
    }

    int fillBatch() {
        List<ReviewTask> tasks =
                ReviewTask.<ReviewTask>find("searchText is null").page(0, BATCH).list();
        for (ReviewTask task : tasks) {
            short severity = 0;
            String text = task.title.toLowerCase(Locale.ROOT);
            if (parser.parse(task.requestJson) instanceof Parsed.Valid valid) {
                severity = (short) TaskSearch.highestSeverity(valid.request());
                text = TaskSearch.text(valid.request());
            }
            ReviewTask.update(
                    "highestSeverity = ?1, searchText = ?2 where id = ?3 and searchText is null",
                    severity,
                    text,
                    task.id);
        }
        return tasks.size();
    }
}
