package dev.signoff.admin;

import java.util.List;

/** The bins of the time-to-decision distribution: each decision falls in the first whose upper bound it is under. */
public final class TimeToDecision {

    /** Upper bounds in seconds; the last bin has none. */
    static final List<Long> BOUNDS = List.of(300L, 900L, 3_600L, 14_400L, 86_400L, 259_200L);

    public static final List<String> LABELS =
            List.of("under 5 min", "5–15 min", "15 min–1 h", "1–4 h", "4–24 h", "1–3 days", "over 3 days");

    private TimeToDecision() {}

    /** The bin number of {@code seconds} as SQL: a CASE both PostgreSQL and H2 run. */
    static String binSql(String seconds) {
        StringBuilder sql = new StringBuilder("case");
        for (int i = 0; i < BOUNDS.size(); i++) {
            sql.append(" when ")
                    .append(seconds)
                    .append(" < ")
                    .append(BOUNDS.get(i))
                    .append(" then ")
                    .append(i);
        }
        return sql.append(" else ").append(BOUNDS.size()).append(" end").toString();
    }
}
