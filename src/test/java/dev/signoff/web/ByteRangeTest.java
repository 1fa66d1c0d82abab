package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bytes=0-99|0|99",
                "bytes=100-|100|999",
                "bytes=-100|900|999",
                "bytes=-5000|0|999",
                "bytes=990-5000|990|999",
                " bytes=1-1 |1|1"
            })
    void a_single_range_is_resolved_against_the_size(String header, long first, long last) {
        assertThat(ByteRange.of(header, 1000)).isEqualTo(new ByteRange(first, last));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"bytes=0-1,5-9", "items=0-9", "bytes=9-1", "bytes=-", "bytes=abc", "bytes=99999999999999999999-"})
    void several_ranges_or_nonsense_mean_the_whole_object(String header) {
        assertThat(ByteRange.of(header, 1000)).isEqualTo(ByteRange.WHOLE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"bytes=1000-|1000", "bytes=-0|1000", "bytes=0-|0", "bytes=-1|0"})
    void a_range_that_starts_past_the_end_is_unsatisfiable(String header, long size) {
        assertThat(ByteRange.of(header, size)).isEqualTo(ByteRange.UNSATISFIABLE);
    }
}
