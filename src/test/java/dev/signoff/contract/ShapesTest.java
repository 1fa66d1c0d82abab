package dev.signoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's timestamps are read in place; they must mean what java.time's ISO parser makes of them. */
class ShapesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-03T14:44:04Z",
                "2019-03-26T20:14:13.192Z",
                "2026-12-03T14:44:04.1Z",
                "2026-12-03T14:44:04.123456789Z",
                "2026-12-03T14:44:04.000000001+05:30",
                "2026-12-03T00:00:00-05:30",
                "2026-12-03T23:59:59-00:00",
                "2026-12-03T10:00:00+18:00",
                "2026-12-03T10:00:00-18:00",
                "2024-02-29T12:00:00Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                // Out of range: refused by both
                "2026-02-29T12:00:00Z",
                "2026-02-30T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z",
                "2026-12-00T00:00:00Z",
                "2026-12-03T24:00:00Z",
                "2026-12-03T23:60:00Z",
                "2026-12-03T23:59:60Z",
                "2026-12-03T10:00:00+18:01",
                "2026-12-03T10:00:00+19:00",
                "2026-12-03T10:00:00+05:60",
                // Not the contract's shape: refused before anything is read
                "2026-12-03T14:44Z",
                "2026-12-03 14:44:04Z",
                "2026-12-03T14:44:04",
                "2026-12-03T14:44:04.Z",
                "2026-12-03T14:44:04.1234567890Z",
                "2026-12-03T14:44:04+0530",
            })
    void a_timestamp_reads_as_the_iso_parser_reads_it(String text) {
        assertThat(Shapes.timestamp(text)).as(text).isEqualTo(isoParser(text));
    }

    @Test
    void random_instants_at_any_offset_and_precision_read_back_exactly() {
        Random random = new Random(20261203);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String text = OffsetDateTime.ofInstant(instant, offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

            Optional<Instant> read = Shapes.timestamp(text);

            assertThat(read).as(text).isEqualTo(isoParser(text));
            if (Shapes.TIMESTAMP.matcher(text).matches()) {
                assertThat(read).as(text).contains(instant);
            }
        }
    }

    private static Optional<Instant> isoParser(String text) {
        if (!Shapes.TIMESTAMP.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
