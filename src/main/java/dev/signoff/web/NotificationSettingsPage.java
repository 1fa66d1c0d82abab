package dev.signoff.web;

import dev.signoff.notify.Delegation;
import dev.signoff.notify.Delegations;
import dev.signoff.notify.Directory;
import dev.signoff.notify.NotifyMode;
import dev.signoff.notify.Person;
import dev.signoff.notify.Preferences;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A reviewer's notification settings: how they hear of new tasks (immediately, a daily digest, not at all) and their
 * out-of-office delegations. Plain forms that answer 303 (or 422 with the form and what is wrong), so it works
 * without JavaScript; GET changes nothing. Everyone changes only their own settings, named by their assignee name.
 */
@Path("/settings/notifications")
@Produces(MediaType.TEXT_HTML)
public class NotificationSettingsPage {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern(
                    "EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** A delegation as the page lists it. */
    public record DelegationRow(UUID id, String user, String userName, String from, String until, boolean active) {}

    /** What the delegation form holds (kept when it is shown again with a problem). */
    public record DelegationForm(String to, String from, String until) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(
                Reviewer reviewer,
                String user,
                NotifyMode mode,
                boolean chosen,
                NotifyMode defaultMode,
                List<DelegationRow> delegations,
                List<DelegationRow> handedTo,
                DelegationForm form,
                String notice,
                String problem);
    }

    private final Preferences preferences;
    private final Delegations delegations;
    private final Directory directory;
    private final CurrentReviewer current;
    private final Clock clock;

    NotificationSettingsPage(
            Preferences preferences,
            Delegations delegations,
            Directory directory,
            CurrentReviewer current,
            Clock clock) {
        this.preferences = preferences;
        this.delegations = delegations;
        this.directory = directory;
        this.current = current;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@QueryParam("done") String done) {
        return render(current.get(), emptyForm(), notice(done), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mode(@FormParam("mode") String mode) {
        Reviewer reviewer = current.get();
        NotifyMode chosen = parseMode(mode);
        if (chosen == null) {
            return problem(reviewer, emptyForm(), "Choose immediately, a daily digest or off.");
        }
        preferences.choose(user(reviewer), chosen);
        return done("mode");
    }

    @POST
    @Path("delegations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delegate(
            @FormParam("to") String to, @FormParam("from") String from, @FormParam("until") String until) {
        Reviewer reviewer = current.get();
        DelegationForm form = new DelegationForm(to, from, until);
        try {
            Instant starts = instant(from, "start");
            Instant ends = instant(until, "end");
            delegations.start(reviewer.id(), reviewer.displayName(), user(reviewer), to, starts, ends);
            return done("delegated");
        } catch (Delegations.Refused e) {
            return problem(reviewer, form, e.getMessage());
        }
    }

    @POST
    @Path("delegations/{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        Reviewer reviewer = current.get();
        UUID delegation;
        try {
            delegation = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        if (!delegations.revoke(reviewer.id(), reviewer.displayName(), user(reviewer), delegation)) {
            throw new NotFoundException();
        }
        return done("revoked");
    }

    private Response done(String what) {
        return Response.seeOther(URI.create("/settings/notifications?done=" + what))
                .build();
    }

    private Response problem(Reviewer reviewer, DelegationForm form, String problem) {
        return Response.status(422)
                .entity(render(reviewer, form, null, problem))
                .build();
    }

    private TemplateInstance render(Reviewer reviewer, DelegationForm form, String notice, String problem) {
        String user = reviewer.assigneeName();
        if (user == null) {
            return Templates.page(
                    reviewer,
                    null,
                    preferences.defaultMode(),
                    false,
                    preferences.defaultMode(),
                    List.of(),
                    List.of(),
                    form,
                    notice,
                    problem);
        }
        Instant now = clock.instant();
        return Templates.page(
                reviewer,
                user,
                preferences.mode(user),
                preferences.chosen(user),
                preferences.defaultMode(),
                delegations.current(user).stream()
                        .map(d -> row(d, d.toUser, now))
                        .toList(),
                delegations.handedTo(user).stream()
                        .map(d -> row(d, d.fromUser, now))
                        .toList(),
                form,
                notice,
                problem);
    }

    private DelegationRow row(Delegation d, String other, Instant now) {
        String name = directory.person(other).map(Person::name).orElse(other);
        return new DelegationRow(d.id, other, name, SHOWN.format(d.startsAt), SHOWN.format(d.endsAt), d.activeAt(now));
    }

    private DelegationForm emptyForm() {
        return new DelegationForm("", "", "");
    }

    /** The user id requests name this reviewer by; without one there is nothing to set. */
    private static String user(Reviewer reviewer) {
        if (reviewer.assigneeName() == null) {
            throw new jakarta.ws.rs.WebApplicationException(Response.status(409)
                    .type(MediaType.TEXT_PLAIN)
                    .entity("Your sign-in carries no user name that requests assign tasks to.")
                    .build());
        }
        return reviewer.assigneeName();
    }

    private static NotifyMode parseMode(String mode) {
        if (mode == null) {
            return null;
        }
        return switch (mode) {
            case "immediate" -> NotifyMode.IMMEDIATE;
            case "digest" -> NotifyMode.DIGEST;
            case "off" -> NotifyMode.OFF;
            default -> null;
        };
    }

    /** A datetime-local value, read as UTC; empty is null (for the start: now). */
    private static Instant instant(String value, String which) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Delegations.Refused("The " + which + " is not a date and time (YYYY-MM-DD HH:MM, UTC).");
        }
    }

    /** Fixed words for each outcome: nothing a client sends is echoed back. */
    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "mode" -> "Saved: new tasks reach you as chosen below.";
            case "delegated" -> "Delegated: new tasks named for you go to your colleague during that period.";
            case "revoked" -> "Revoked: new tasks named for you come to you again.";
            default -> null;
        };
    }
}
