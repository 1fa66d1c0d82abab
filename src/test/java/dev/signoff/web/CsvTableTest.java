package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void quoted_fields_keep_commas_doubled_quotes_and_line_breaks() {
        CsvTable table = CsvTable.parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nnow\"\r\n", true, 10);

        assertThat(table.header()).containsExactly("a", "b");
        assertThat(table.rows()).containsExactly(List.of("x, y", "say \"hi\"\nnow"));
        assertThat(table.totalRows()).isEqualTo(1);
    }

    @Test
    void only_the_first_rows_are_kept_but_all_are_counted() {
        CsvTable table = CsvTable.parse("h\n1\n2\n3\n4", true, 2);

        assertThat(table.rows()).containsExactly(List.of("1"), List.of("2"));
        assertThat(table.totalRows()).isEqualTo(4);
        assertThat(table.shown()).isEqualTo(2);
    }

    @Test
    void a_text_cut_at_the_preview_size_drops_its_half_read_last_row() {
        CsvTable table = CsvTable.parse("h,v\n1,one\n2,tw", false, 10);

        assertThat(table.rows()).containsExactly(List.of("1", "one"));
        assertThat(table.complete()).isFalse();
    }

    @Test
    void a_byte_order_mark_is_not_part_of_the_first_header() {
        assertThat(CsvTable.parse("\uFEFFid,name\n", true, 10).header()).containsExactly("id", "name");
    }

    @Test
    void ragged_rows_are_padded_to_the_widest() {
        assertThat(CsvTable.parse("a\n1,2,3\n", true, 10).width()).isEqualTo(3);
    }
}
