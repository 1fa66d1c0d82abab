package dev.signoff.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who gets what from every route: one row per route (or per route in a given state), the exact status per role,
 * and for a route that concerns a task, once on a task of the role's (assigned to finance-reviewers, requested by
 * {@code requester}, excluding {@code excluded}) and once on a foreign one (assigned to the user reviewer2 alone).
 * {@link AuthorizationRoutesTest} fails when the application has a route without a row here, or a row names a route
 * it no longer has; {@link AuthorizationMatrixTest} asks every cell.
 *
 * <p>A row: method and path (placeholders {id}, {taskId}, {index}, {messageId}; a query string makes a variant of the
 * same route) | given: the task's state first ({@code claimed} or {@code decided} by reviewer2; empty: waiting) |
 * sends: {@code form a=b&c=d}, {@code json {...}}, {@code htmx} (HX-Request) or {@code htmx:results} (HX-Target too);
 * {user} is the role's user name, {in-a-day} a closing time a day ahead | the statuses: {@code login} is a redirect to
 * the sign-in page.
 */
final class AuthorizationMatrix {

    /** The columns, in the table's order, and the local test user (password = name) who plays each. */
    enum Role {
        ANONYMOUS(null),
        MEMBER("reviewer"),
        OUTSIDER("outsider"),
        REQUESTER("requester"),
        EXCLUDED("excluded"),
        ADMIN("admin"),
        ASSIGNED_ADMIN("lead");

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    // spotless:off
    static final String TABLE = """
        # method path                                       | given   | sends                                                   | anon  in    out   req   excl  adm   adm+  | foreign task: the same roles
        # Sign-in and the inbox
        GET    /                                            |         |                                                         | login 303   303   303   303   303   303
        GET    /inbox                                       |         |                                                         | login 200   200   200   200   200   200
        GET    /inbox                                       |         | htmx:results                                            | login 200   200   200   200   200   200
        GET    /inbox?view=all                              |         |                                                         | login 403   403   403   403   200   200
        GET    /inbox?view=unassigned                       |         |                                                         | login 200   200   200   200   200   200
        GET    /inbox?view=claimed                          |         |                                                         | login 200   200   200   200   200   200
        GET    /inbox?view=decided                          |         |                                                         | login 200   200   200   200   200   200
        GET    /login                                       |         |                                                         | 200   200   200   200   200   200   200
        POST   /j_security_check                            |         | form j_username={user}&j_password={user}                | login 302   302   302   302   302   302
        GET    /signed-in                                   |         |                                                         | login 303   303   303   303   303   303
        POST   /logout                                      |         |                                                         | login 303   303   303   303   303   303
        # Everyone's own notification settings (delegating to oneself is refused; no delegation has a task's id)
        GET    /settings/notifications                      |         |                                                         | login 200   200   200   200   200   200
        POST   /settings/notifications                      |         | form mode=immediate                                     | login 303   303   303   303   303   303
        POST   /settings/notifications/delegations          |         | form to={user}                                          | login 422   422   422   422   422   422
        POST   /settings/notifications/delegations/{id}/revoke |      |                                                         | login 404   404   404   404   404   404
        # A task's page, its htmx fragments and forms, its artifacts: own task | foreign task
        GET    /tasks/{id}                                  |         |                                                         | login 200   404   200   200   200   200   | login 404   404   404   404   200   200
        GET    /tasks/{id}                                  | decided |                                                         | login 200   404   200   200   200   200   | login 404   404   404   404   200   200
        GET    /tasks/{id}/delivery                         |         | htmx                                                    | login 200   404   200   200   200   200   | login 404   404   404   404   200   200
        POST   /tasks/{id}/decision                         |         | form decision=approve                                   | login 303   404   403   403   403   303   | login 404   404   404   404   403   403
        POST   /tasks/{id}/decision                         |         | form step=review&decision=reject&comment=Not this one   | login 200   404   403   403   403   200   | login 404   404   404   404   403   403
        POST   /tasks/{id}/decision                         |         | form step=confirm&decision=reject&comment=Not this one  | login 303   404   403   403   403   303   | login 404   404   404   404   403   403
        POST   /tasks/{id}/decision                         | decided | form decision=approve                                   | login 409   404   409   409   409   409   | login 404   404   404   404   409   409
        POST   /tasks/{id}/claim                            |         | form takeOver=false                                     | login 303   404   403   403   303   303   | login 404   404   404   404   303   303
        POST   /tasks/{id}/claim                            |         | htmx                                                    | login 200   404   403   403   200   200   | login 404   404   404   404   200   200
        POST   /tasks/{id}/claim                            | claimed | form takeOver=true                                      | login 409   404   403   403   303   303   | login 404   404   404   404   303   303
        POST   /tasks/{id}/release                          |         |                                                         | login 409   404   409   409   409   409   | login 404   404   404   404   409   409
        POST   /tasks/{id}/release                          | claimed |                                                         | login 409   404   409   409   303   303   | login 404   404   404   404   303   303
        POST   /tasks/{id}/comments                         |         | form body=A question for the team                       | login 303   404   303   303   303   303   | login 404   404   404   404   303   303
        POST   /tasks/{id}/comments                         | decided | htmx form body=Noted after the decision                 | login 409   404   409   409   409   409   | login 404   404   404   404   409   409
        POST   /tasks/{id}/admin/reassign                   |         | form groups=finance-reviewers&users=&reason=Matrix      | login 403   403   403   403   303   303   | login 403   403   403   403   303   303
        POST   /tasks/{id}/admin/reassign                   | decided | form groups=finance-reviewers&users=&reason=Matrix      | login 403   403   403   403   409   409   | login 403   403   403   403   409   409
        POST   /tasks/{id}/admin/expiry                     |         | form expiresAt={in-a-day}&reason=Matrix                 | login 403   403   403   403   303   303   | login 403   403   403   403   303   303
        POST   /tasks/{id}/admin/expiry                     | decided | form expiresAt={in-a-day}&reason=Matrix                 | login 403   403   403   403   409   409   | login 403   403   403   403   409   409
        POST   /tasks/{id}/admin/cancel                     |         | form reason=Matrix                                      | login 403   403   403   403   303   303   | login 403   403   403   403   303   303
        POST   /tasks/{id}/admin/cancel                     | decided | form reason=Matrix                                      | login 403   403   403   403   409   409   | login 403   403   403   403   409   409
        GET    /tasks/{taskId}/artifacts/{index}            |         |                                                         | login 200   404   200   200   200   200   | login 404   404   404   404   200   200
        GET    /tasks/{taskId}/artifacts/{index}/preview    |         | htmx                                                    | login 200   404   200   200   200   200   | login 404   404   404   404   200   200
        GET    /tasks/{taskId}/artifacts/{index}/preview    |         |                                                         | login 200   404   200   200   200   200   | login 404   404   404   404   200   200
        # The JSON API
        GET    /api/tasks                                   |         |                                                         | 401   200   200   200   200   200   200
        GET    /api/tasks?view=all                          |         |                                                         | 401   403   403   403   403   200   200
        GET    /api/tasks/{id}                              |         |                                                         | 401   200   404   200   200   200   200   | 401   404   404   404   404   200   200
        POST   /api/tasks/{id}/decision                     |         | json {"decision":"approve"}                             | 401   200   404   403   403   403   200   | 401   404   404   404   404   403   403
        POST   /api/tasks/{id}/decision                     | decided | json {"decision":"approve"}                             | 401   409   404   409   409   409   409   | 401   404   404   404   404   409   409
        POST   /api/tasks/{id}/claim                        |         |                                                         | 401   200   404   403   403   200   200   | 401   404   404   404   404   200   200
        DELETE /api/tasks/{id}/claim                        | claimed |                                                         | 401   409   404   409   409   204   204   | 401   404   404   404   404   204   204
        GET    /api/tasks/{id}/comments                     |         |                                                         | 401   200   404   200   200   200   200   | 401   404   404   404   404   200   200
        POST   /api/tasks/{id}/comments                     |         | json {"body":"A question for the team"}                 | 401   200   404   200   200   200   200   | 401   404   404   404   404   200   200
        # Admin pages, actions and exports (ids name nothing: admins get the action's refusal)
        GET    /admin                                       |         |                                                         | login 403   403   403   403   200   200
        GET    /admin/stalled                               |         |                                                         | login 403   403   403   403   200   200
        GET    /admin/failures                              |         |                                                         | login 403   403   403   403   200   200
        GET    /admin/quarantine                            |         |                                                         | login 403   403   403   403   200   200
        GET    /admin/notifications                         |         |                                                         | login 403   403   403   403   200   200
        POST   /admin/failures/{id}/retry                   |         | form note=Matrix                                        | login 403   403   403   403   409   409
        POST   /admin/failures/{id}/handled                 |         | form note=Matrix                                        | login 403   403   403   403   409   409
        POST   /admin/quarantine/{id}/dismiss               |         | form note=Matrix                                        | login 403   403   403   403   409   409
        POST   /admin/quarantine/{id}/reprocess             |         | form note=Matrix                                        | login 403   403   403   403   409   409
        GET    /admin/analytics                             |         |                                                         | login 403   403   403   403   200   200
        GET    /admin/audit                                 |         |                                                         | login 403   403   403   403   200   200
        GET    /admin/audit/export.csv                      |         |                                                         | login 403   403   403   403   200   200
        GET    /admin/audit/export.jsonl                    |         |                                                         | login 403   403   403   403   200   200
        GET    /admin/dead-letters                          |         |                                                         | login 403   403   403   403   200   200
        POST   /admin/dead-letters/{messageId}/redrive      |         | form note=Matrix                                        | login 403   403   403   403   409   409
        POST   /admin/dead-letters/{messageId}/delete       |         | form note=Matrix                                        | login 403   403   403   403   409   409
        POST   /admin/dead-letters/redrive-all              |         | form note=Matrix                                        | login 403   403   403   403   303   303
        # The test profile runs without the sandbox's workflows: admins get 404 there, everyone else 403 before that.
        GET    /sandbox                                     |         |                                                         | login 403   403   403   403   404   404
        POST   /sandbox/demo                                |         |                                                         | login 403   403   403   403   404   404
        POST   /sandbox/stop                                |         | form executionArn=no-such-execution                     | login 403   403   403   403   404   404
        GET    /sandbox/mailbox                             |         |                                                         | login 403   403   403   403   404   404
        GET    /sandbox/mailbox/{index}                     |         |                                                         | login 403   403   403   403   404   404
        # Static files and what Quarkus serves itself
        GET    /static/signoff.css                          |         |                                                         | 200   200   200   200   200   200   200
        GET    /static/artifacts.css                        |         |                                                         | 200   200   200   200   200   200   200
        GET    /static/favicon.svg                          |         |                                                         | 200   200   200   200   200   200   200
        GET    /favicon.ico                                 |         |                                                         | 200   200   200   200   200   200   200
        GET    /q/health/live                               |         |                                                         | 200   200   200   200   200   200   200
        GET    /q/openapi                                   |         |                                                         | login 200   200   200   200   200   200
        GET    /q/metrics                                   |         |                                                         | login 404   404   404   404   404   404
        GET    /no-such-page                                |         |                                                         | login 404   404   404   404   404   404
        """;
    // spotless:on

    /** One line of the table. */
    record Row(String method, String path, String given, String sends, List<String> own, List<String> foreign) {

        /** The route as the application declares it: method and path template, without a variant's query. */
        String route() {
            int query = path.indexOf('?');
            return method + " " + (query < 0 ? path : path.substring(0, query));
        }

        boolean concernsTask() {
            return path.startsWith("/tasks/") || path.startsWith("/api/tasks/");
        }

        String expected(Role role, boolean foreignTask) {
            return (foreignTask ? foreign : own).get(role.ordinal());
        }

        @Override
        public String toString() {
            return (method + " " + path + (given.isEmpty() ? "" : " (" + given + ")")
                            + (sends.isEmpty() ? "" : " sending " + sends))
                    .strip();
        }
    }

    private AuthorizationMatrix() {}

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                rows.add(parse(line));
            }
        }
        return rows;
    }

    static Row parse(String line) {
        String[] parts = line.split("\\|", -1);
        if (parts.length != 4 && parts.length != 5) {
            throw new IllegalArgumentException(
                    "A matrix row is route | given | sends | statuses [| foreign task]: " + line);
        }
        String[] route = parts[0].strip().split("\\s+");
        Row row = new Row(
                route[0],
                route[1],
                parts[1].strip(),
                parts[2].strip(),
                statuses(parts[3], line),
                parts.length == 5 ? statuses(parts[4], line) : List.of());
        if (row.concernsTask() != (parts.length == 5)) {
            throw new IllegalArgumentException(
                    "A route under /tasks/ or /api/tasks/ has statuses for its own and a foreign task, any other one"
                            + " set: " + line);
        }
        return row;
    }

    private static List<String> statuses(String text, String line) {
        List<String> statuses = Arrays.asList(text.strip().split("\\s+"));
        if (statuses.size() != Role.values().length
                || !statuses.stream().allMatch(s -> s.equals("login") || s.matches("[1-5]\\d\\d"))) {
            throw new IllegalArgumentException(
                    "Give " + Role.values().length + " statuses (a number or login), one per role: " + line);
        }
        return statuses;
    }
}
