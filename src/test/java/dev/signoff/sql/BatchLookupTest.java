package dev.signoff.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchLookupTest {

    @Test
    void the_statement_has_ten_placeholders_whatever_the_batch() {
        assertThat(BatchLookup.in("token_hash")).isEqualTo("token_hash in (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Test
    void more_keys_than_one_statement_takes_are_looked_up_in_chunks_in_their_order() {
        List<Integer> keys = IntStream.range(0, 23).boxed().toList();

        List<List<Integer>> chunks = BatchLookup.chunks(keys);

        assertThat(chunks).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(keys);
        assertThat(BatchLookup.chunks(List.of())).isEmpty();
    }

    @Test
    void every_row_of_every_chunk_is_read_and_a_short_chunk_repeats_its_last_key() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:batch-lookup")) {
            db.createStatement().execute("create table t (k varchar(10) primary key)");
            for (int i = 0; i < 25; i++) {
                db.createStatement().execute("insert into t values ('k" + i + "')");
            }
            List<String> asked =
                    IntStream.range(0, 23).mapToObj(i -> "k" + (i * 2)).toList();
            List<String> read = new ArrayList<>();

            BatchLookup.forEachRow(
                    db, "select k from t where " + BatchLookup.in("k"), asked, row -> read.add(row.getString(1)));

            assertThat(read)
                    .containsExactlyInAnyOrderElementsOf(asked.stream()
                            .filter(k -> Integer.parseInt(k.substring(1)) < 25)
                            .toList());
            BatchLookup.forEachRow(
                    db, "select k from t where " + BatchLookup.in("k"), List.of(), row -> read.add("none"));
            assertThat(read).doesNotContain("none");
        }
    }
}
