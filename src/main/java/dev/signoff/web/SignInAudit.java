package dev.signoff.web;

import dev.signoff.audit.AuditLog;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

/**
 * Records each sign-in (SIGNED_IN, no task) once, when it happens: a form sign-in when its POST succeeds, an OIDC one
 * when the code flow completes. Not a SecurityIdentityAugmentor and not AuthenticationSuccessEvent: those run on
 * every request a session makes, and the trail would fill with one "sign-in" per page. API calls with a bearer token
 * or basic credentials sign nobody in and are not recorded.
 *
 * <p>Asynchronous observers: Quarkus fires these events on the event loop, where a database write must not block;
 * the async copy runs on a worker thread. A failed write is logged, never turned into a failed sign-in.
 */
@ApplicationScoped
public class SignInAudit {

    private static final Logger LOG = Logger.getLogger(SignInAudit.class);

    private final AuditLog audit;
    private final CurrentReviewer reviewers;

    SignInAudit(AuditLog audit, CurrentReviewer reviewers) {
        this.audit = audit;
        this.reviewers = reviewers;
    }

    @ActivateRequestContext
    void formSignIn(@ObservesAsync FormAuthenticationEvent event) {
        if (event.getSecurityIdentity() != null) {
            record(event.getSecurityIdentity(), "form sign-in");
        }
    }

    @ActivateRequestContext
    void oidcSignIn(@ObservesAsync SecurityEvent event) {
        if (event.getEventType() == SecurityEvent.Type.OIDC_LOGIN && event.getSecurityIdentity() != null) {
            record(event.getSecurityIdentity(), "OIDC sign-in");
        }
    }

    private void record(SecurityIdentity identity, String how) {
        try {
            Reviewer reviewer = reviewers.of(identity);
            QuarkusTransaction.requiringNew()
                    .run(() -> audit.record(reviewer.id(), reviewer.displayName(), null, "SIGNED_IN", how));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record a %s in the audit trail", how);
        }
    }
}
