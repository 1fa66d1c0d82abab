package dev.signoff.web;

import dev.signoff.review.InboxQuery;
import jakarta.ws.rs.BadRequestException;
import org.jboss.resteasy.reactive.RestQuery;

/** The inbox's query parameters, the same for the page and {@code GET /api/tasks} (docs/api.md lists them). */
public class InboxParams {

    @RestQuery
    String view;

    @RestQuery
    String workflow;

    @RestQuery
    String state;

    @RestQuery
    String status;

    @RestQuery
    String severity;

    @RestQuery
    String group;

    @RestQuery
    String requestedBy;

    @RestQuery
    String due;

    @RestQuery
    String age;

    @RestQuery
    String q;

    @RestQuery
    String sort;

    @RestQuery
    String after;

    @RestQuery
    String size;

    /** The query, or 400 naming the parameter that is not allowed. */
    InboxQuery query(int defaultSize) {
        try {
            return InboxQuery.parse(
                    view,
                    workflow,
                    state,
                    status,
                    severity,
                    group,
                    requestedBy,
                    due,
                    age,
                    q,
                    sort,
                    after,
                    size == null || size.isBlank() ? Integer.toString(defaultSize) : size);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
