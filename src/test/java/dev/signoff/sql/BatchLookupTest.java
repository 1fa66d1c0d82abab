package dev.signoff.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchLookupTest {

    @Test
    void the_statement_has_ten_placeholders_whatever_the_batch() {
        assertThat(BatchLookup.in("token_hash")).isEqualTo("token_hash in (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    }

    @Test
    void more_keys_than_one_statement_takes_are_looked_up_in_chunks_in_their_order() {
        List<Integer> keys = IntStream.range(0, 23).boxed().toList();

        List<List<Integer>> chunks = BatchLookup.chunks(keys);

        assertThat(chunks).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(keys);
        assertThat(BatchLookup.chunks(List.of())).isEmpty();
    }
}
