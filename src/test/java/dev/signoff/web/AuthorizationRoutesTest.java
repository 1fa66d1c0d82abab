package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix covers the application exactly: a route added without a row fails here, naming the route,
 * and so does a row left behind by a route that is gone.
 */
class AuthorizationRoutesTest {

    @Test
    void every_route_of_the_application_has_a_row_in_the_authorization_matrix() {
        Set<String> missing = new TreeSet<>(ApplicationRoutes.all());
        missing.removeAll(rowRoutes());

        assertThat(missing)
                .as(
                        "Routes without a row in the authorization matrix (add one line per route to"
                                + " src/test/java/dev/signoff/web/AuthorizationMatrix.java, TABLE):%n  %s",
                        String.join("\n  ", missing))
                .isEmpty();
    }

    @Test
    void every_row_of_the_authorization_matrix_names_a_route_the_application_has() {
        Set<String> known = new TreeSet<>(ApplicationRoutes.all());
        known.addAll(ApplicationRoutes.FRAMEWORK);
        Set<String> stale = new TreeSet<>(rowRoutes());
        stale.removeAll(known);

        assertThat(stale)
                .as(
                        "Rows of the authorization matrix whose route the application no longer has (remove them, or list"
                                + " a route Quarkus serves itself in ApplicationRoutes.FRAMEWORK):%n  %s",
                        String.join("\n  ", stale))
                .isEmpty();
    }

    @Test
    void the_routes_are_read_from_the_resources_themselves_sandbox_included() {
        assertThat(ApplicationRoutes.resourceMethods())
                .contains(
                        "GET /",
                        "GET /tasks/{id}",
                        "POST /tasks/{id}/admin/cancel",
                        "DELETE /api/tasks/{id}/claim",
                        "GET /admin/audit/export.csv",
                        "POST /sandbox/stop");
        assertThat(ApplicationRoutes.staticFiles()).contains("GET /static/signoff.css", "GET /favicon.ico");
        assertThat(ApplicationRoutes.join("/", "")).isEqualTo("/");
        assertThat(ApplicationRoutes.join("/tasks/{id}", "claim")).isEqualTo("/tasks/{id}/claim");
    }

    @Test
    void no_row_is_in_the_matrix_twice() {
        List<String> rows = AuthorizationMatrix.rows().stream()
                .map(AuthorizationMatrix.Row::toString)
                .toList();

        assertThat(rows).doesNotHaveDuplicates();
    }

    @Test
    void a_row_with_a_status_missing_says_how_a_row_is_written() {
        assertThatThrownBy(() -> AuthorizationMatrix.parse("GET /inbox | | | login 200 200"))
                .hasMessageStartingWith("Give 7 statuses");
        assertThatThrownBy(() -> AuthorizationMatrix.parse("GET /tasks/{id} | | | login 200 404 200 200 200 200"))
                .hasMessageContaining("own and a foreign task");
    }

    private static Set<String> rowRoutes() {
        return AuthorizationMatrix.rows().stream()
                .map(AuthorizationMatrix.Row::route)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
