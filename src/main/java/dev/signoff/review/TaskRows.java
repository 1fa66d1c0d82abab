package dev.signoff.review;

import static dev.signoff.review.TaskQueries.instant;
import static dev.signoff.review.TaskQueries.uuid;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.List;

/** Runs the native SQL of {@link TaskQueries} and maps its rows; no entity is loaded. */
final class TaskRows {

    private TaskRows() {}

    @SuppressWarnings("unchecked")
    static List<Object> rows(String sql, List<?> params) {
        Query query = Panache.getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query.getResultList();
    }

    /**
     * Rows of {@link InboxSql#COLUMNS}. A claim that lapsed (last activity at or before {@code activeSince}) is not
     * shown: it no longer holds.
     */
    static List<TaskSummary> summaries(String sql, List<?> params, Instant activeSince) {
        return rows(sql, params).stream()
                .map(row -> (Object[]) row)
                .map(c -> new TaskSummary(
                        uuid(c[0]),
                        (String) c[1],
                        TaskStatus.valueOf((String) c[2]),
                        (String) c[3],
                        (String) c[4],
                        TaskSummary.stateMachineName((String) c[5], (String) c[6]),
                        instant(c[7]),
                        instant(c[8]),
                        instant(c[9]),
                        instant(c[10]),
                        instant(c[11]),
                        instant(c[12]),
                        TaskSummary.severityName((Number) c[13]),
                        claimHolds(c, activeSince) ? (c[15] == null ? (String) c[14] : (String) c[15]) : null,
                        claimHolds(c, activeSince) ? instant(c[16]) : null,
                        c[18] == null ? null : ((Number) c[18]).intValue(),
                        ((Number) c[19]).intValue()))
                .toList();
    }

    private static boolean claimHolds(Object[] c, Instant activeSince) {
        Instant active = instant(c[17]);
        return c[14] != null && active != null && active.isAfter(activeSince);
    }
}
