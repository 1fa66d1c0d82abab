package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ContractJson;
import dev.signoff.web.FormRows.Row;
import dev.signoff.web.SchemaForm.Field;
import dev.signoff.web.SchemaForm.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema -> form model, the form's input attributes, and posted fields -> JSON with exact numbers. */
class SchemaFormTest {

    private static final String SCHEMA = """
            {"type":"object","required":["invoiceNumber","total","currency"],"properties":{
              "invoiceNumber":{"type":"string","title":"Invoice number","pattern":"^INV-[0-9]+$","maxLength":20},
              "total":{"type":"number","minimum":0,"maximum":1000000},
              "lines":{"type":"integer","minimum":1},
              "currency":{"enum":["EUR","USD"]},
              "paid":{"type":"boolean"},
              "due":{"type":"string","format":"date"},
              "contact":{"type":"string","format":"email"},
              "link":{"type":"string","format":"uri"},
              "supplier":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},
                "vat":{"type":"string"}}},
              "items":{"type":"array","items":{"type":"object","properties":{
                "amount":{"type":"number"},"note":{"type":"string"}}}},
              "tags":{"type":"array","items":{"type":"string"}}}}
            """;

    private static final String PROPOSAL = """
            {"invoiceNumber":"INV-4711","total":100.10,"lines":3,"currency":"EUR","paid":false,
             "supplier":{"name":"ACME"},"items":[{"amount":1e2,"note":"a"},{"amount":0.10}],"tags":["x","y"],
             "extra":{"kept":true}}
            """;

    @Test
    void each_supported_keyword_becomes_a_field_with_its_kind_and_required_flag() {
        Field root = form(SCHEMA);
        assertThat(root.kind()).isEqualTo(Kind.OBJECT);
        assertThat(root.properties().get("invoiceNumber").kind()).isEqualTo(Kind.STRING);
        assertThat(root.properties().get("invoiceNumber").label()).isEqualTo("Invoice number");
        assertThat(root.properties().get("invoiceNumber").required()).isTrue();
        assertThat(root.properties().get("total").kind()).isEqualTo(Kind.NUMBER);
        assertThat(root.properties().get("lines").kind()).isEqualTo(Kind.INTEGER);
        assertThat(root.properties().get("lines").required()).isFalse();
        assertThat(root.properties().get("currency").kind()).isEqualTo(Kind.ENUM);
        assertThat(root.properties().get("paid").kind()).isEqualTo(Kind.BOOLEAN);
        assertThat(root.properties().get("supplier").properties().get("name").required())
                .isTrue();
        assertThat(root.properties().get("items").items().properties()).containsKeys("amount", "note");
        assertThat(root.properties().get("tags").items().kind()).isEqualTo(Kind.STRING);
    }

    @Test
    void keywords_map_to_input_attributes_and_every_control_has_a_label() {
        Field root = form(SCHEMA);
        List<Row> rows = FormRows.of(root, FormJson.values(root, json(PROPOSAL)), Map.of());

        Row number = control(rows, "o/invoiceNumber");
        assertThat(number.required()).isTrue();
        assertThat(number.maxLength()).isEqualTo("20");
        assertThat(number.pattern()).isEqualTo("[\\s\\S]*(?:^INV-[0-9]+$)[\\s\\S]*");
        Row total = control(rows, "o/total");
        assertThat(total.type()).isEqualTo("number");
        assertThat(total.step()).isEqualTo("any");
        assertThat(total.min()).isEqualTo("0");
        assertThat(total.max()).isEqualTo("1000000");
        assertThat(total.value()).isEqualTo("100.10");
        assertThat(control(rows, "o/lines").step()).isEqualTo("1");
        assertThat(control(rows, "o/due").type()).isEqualTo("date");
        assertThat(control(rows, "o/contact").type()).isEqualTo("email");
        assertThat(control(rows, "o/link").type()).isEqualTo("url");
        Row currency = control(rows, "o/currency");
        assertThat(currency.kind()).isEqualTo("select");
        assertThat(currency.options()).extracting(FormRows.Option::value).containsExactly("", "\"EUR\"", "\"USD\"");
        assertThat(currency.options().get(1).selected()).isTrue();
        assertThat(control(rows, "o/paid").options())
                .extracting(FormRows.Option::label)
                .containsExactly("(none)", "Yes", "No");
        assertThat(rows)
                .filteredOn(r -> List.of("input", "select", "textarea").contains(r.kind()))
                .allSatisfy(r -> assertThat(r.label()).isNotBlank());
        assertThat(rows).extracting(Row::action).contains("add:/items", "remove:/items/1", "remove:/tags/0");
    }

    @Test
    void the_unchanged_form_gives_back_the_proposal_with_its_numbers_as_written() {
        Field root = form(SCHEMA);
        Map<String, String> fields = FormJson.values(root, json(PROPOSAL));

        FormJson.Converted converted = FormJson.toJson(root, fields, json(PROPOSAL));

        assertThat(converted.errors()).isEmpty();
        assertThat(ContractJson.write(converted.value()))
                .isEqualTo("{\"extra\":{\"kept\":true},\"invoiceNumber\":\"INV-4711\",\"total\":100.10,\"lines\":3,"
                        + "\"currency\":\"EUR\",\"paid\":false,\"supplier\":{\"name\":\"ACME\"},"
                        + "\"items\":[{\"amount\":100,\"note\":\"a\"},{\"amount\":0.10}],\"tags\":[\"x\",\"y\"]}");
    }

    @Test
    void typed_numbers_keep_their_digits_and_big_integers_stay_whole() {
        Field root = form(SCHEMA);
        Map<String, String> fields = FormJson.values(root, json(PROPOSAL));
        fields.put("o/total", "1208.00");
        fields.put("o/lines", "12345678901234567890");
        fields.put("o/items/1/amount", " 0.000001 ");

        JsonNode value = FormJson.toJson(root, fields, json(PROPOSAL)).value();

        String json = ContractJson.write(value);
        assertThat(json).contains("\"total\":1208.00", "\"lines\":12345678901234567890", "{\"amount\":0.000001}");
    }

    @Test
    void text_that_is_no_number_is_refused_at_its_field_and_not_sent_as_a_string() {
        Field root = form(SCHEMA);
        Map<String, String> fields = FormJson.values(root, json(PROPOSAL));
        fields.put("o/total", "1.208,00");
        fields.put("o/lines", "three");
        fields.put("o/currency", "\"GBP\"");
        fields.put("o/paid", "maybe");

        FormJson.Converted converted = FormJson.toJson(root, fields, json(PROPOSAL));

        assertThat(converted.errors().keySet()).containsExactlyInAnyOrder("/total", "/lines", "/currency", "/paid");
        assertThat(converted.errors().get("/total")).startsWith("Enter a number");
        assertThat(converted.errors().get("/lines")).startsWith("Enter a whole number");
    }

    @Test
    void an_optional_field_left_empty_is_absent_and_a_required_one_stays_an_empty_string() {
        Field root = form(SCHEMA);
        Map<String, String> fields = FormJson.values(root, json(PROPOSAL));
        fields.put("o/lines", "");
        fields.put("o/invoiceNumber", "");
        fields.put("o/due", "");

        JsonNode value = FormJson.toJson(root, fields, json(PROPOSAL)).value();

        assertThat(value.has("lines")).isFalse();
        assertThat(value.has("due")).isFalse();
        assertThat(value.get("invoiceNumber").textValue()).isEmpty();
    }

    @Test
    void booleans_enums_and_nested_objects_are_read_back_as_json_values() {
        Field root = form(SCHEMA);
        Map<String, String> fields = FormJson.values(root, json(PROPOSAL));
        fields.put("o/paid", "true");
        fields.put("o/currency", "\"USD\"");
        fields.put("o/supplier/vat", "DE811234567");

        JsonNode value = FormJson.toJson(root, fields, json(PROPOSAL)).value();

        assertThat(value.get("paid").booleanValue()).isTrue();
        assertThat(value.get("currency").textValue()).isEqualTo("USD");
        assertThat(ContractJson.write(value.get("supplier"))).isEqualTo("{\"name\":\"ACME\",\"vat\":\"DE811234567\"}");
    }

    @Test
    void array_items_are_added_empty_and_removed_with_later_items_moving_up() {
        Field root = form(SCHEMA);
        Map<String, String> fields = FormJson.values(root, json(PROPOSAL));

        Map<String, String> added = FormJson.addItem(fields, "/tags");
        added.put("o/tags/2", "z");
        assertThat(ContractJson.write(
                        FormJson.toJson(root, added, json(PROPOSAL)).value().get("tags")))
                .isEqualTo("[\"x\",\"y\",\"z\"]");

        Map<String, String> removed = FormJson.removeItem(fields, "/items", 0);
        assertThat(ContractJson.write(
                        FormJson.toJson(root, removed, json(PROPOSAL)).value().get("items")))
                .isEqualTo("[{\"amount\":0.10}]");
        assertThat(removed).containsEntry("n/items", "1").doesNotContainKey("o/items/1/amount");
    }

    @Test
    void an_empty_array_of_objects_gets_an_add_button_and_new_items_get_their_fields() {
        Field root = form(SCHEMA);
        Map<String, String> fields = new LinkedHashMap<>(FormJson.values(root, json("{\"invoiceNumber\":\"INV-1\"}")));
        assertThat(fields).containsEntry("n/items", "0");

        List<Row> rows = FormRows.of(root, FormJson.addItem(fields, "/items"), Map.of());

        assertThat(rows).extracting(Row::name).contains("o/items/0/amount", "o/items/0/note");
    }

    @Test
    void a_garbled_item_count_renders_no_items_instead_of_failing() {
        Field root = form(SCHEMA);
        Map<String, String> fields = FormJson.values(root, json(PROPOSAL));
        fields.put("n/tags", "lots");

        assertThat(FormRows.of(root, fields, Map.of())).extracting(Row::name).doesNotContain("o/tags/0");
        assertThat(FormJson.toJson(root, fields, json(PROPOSAL))
                        .value()
                        .get("tags")
                        .size())
                .isZero();
    }

    @Test
    void unsupported_constructs_fall_back_to_the_json_editor_naming_what_is_unsupported() {
        assertThat(SchemaForm.of(json(
                                "{\"type\":\"object\",\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"string\"}]}}}"))
                        .unsupported())
                .isEqualTo("it uses \"oneOf\" at a");
        assertThat(SchemaForm.of(json("{\"$defs\":{},\"type\":\"object\"}")).unsupported())
                .contains("$defs");
        assertThat(SchemaForm.of(json("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/x\"}}}"))
                        .unsupported())
                .contains("$ref");
        assertThat(SchemaForm.of(json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}}}"))
                        .unsupported())
                .contains("list of types");
        assertThat(SchemaForm.of(json("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"))
                        .unsupported())
                .contains("not an object");
        assertThat(SchemaForm.of(json("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}"))
                        .supported())
                .isFalse();
    }

    @Test
    void errors_are_attached_to_the_row_of_their_field() {
        Field root = form(SCHEMA);
        List<Row> rows = FormRows.of(
                root,
                FormJson.values(root, json(PROPOSAL)),
                Map.of("/total", "must be at least 0", "/supplier", "required property 'name' not found"));

        assertThat(control(rows, "o/total").error()).isEqualTo("must be at least 0");
        assertThat(rows)
                .filteredOn(r -> r.kind().equals("open") && "o/supplier".equals(r.name()))
                .singleElement()
                .extracting(Row::error)
                .isEqualTo("required property 'name' not found");
    }

    private static Row control(List<Row> rows, String name) {
        return rows.stream()
                .filter(r -> name.equals(r.name()) && !r.kind().equals("open"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no control " + name));
    }

    private static Field form(String schema) {
        SchemaForm.Result result = SchemaForm.of(json(schema));
        assertThat(result.unsupported()).isNull();
        return result.root();
    }

    static JsonNode json(String text) {
        try {
            return ContractJson.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
