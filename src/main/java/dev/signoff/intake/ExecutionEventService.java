package dev.signoff.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Applies one message from the execution events queue, in one transaction; the caller deletes the message only
 * after this commits and only when told {@link Disposition#DELETE}. An end event is recorded and cancels the
 * execution's open reviews; applying it twice changes nothing. A well-formed event that is not an end, or not from
 * Step Functions, is deleted; anything Signoff cannot read is left for the queue's dead-letter queue, so nothing is
 * lost. Logs name the event, never the body: it carries the execution's input and output.
 */
@ApplicationScoped
class ExecutionEventService {

    private static final Logger LOG = Logger.getLogger(ExecutionEventService.class);

    private final ExecutionEnds ends;
    private final ObjectMapper json;

    ExecutionEventService(ExecutionEnds ends, ObjectMapper json) {
        this.ends = ends;
        this.json = json;
    }

    @Transactional
    Disposition accept(QueueMessage message) {
        ExecutionEvent.Read read = ExecutionEvent.read(json, message.body());
        if (read instanceof ExecutionEvent.Ended ended) {
            int cancelled = ends.cancelOpenReviews(ends.record(ended.event()));
            LOG.infof("Message %s: %s; %d open review(s) cancelled", message.messageId(), ended.summary(), cancelled);
            return Disposition.DELETE;
        }
        if (read instanceof ExecutionEvent.Irrelevant irrelevant) {
            LOG.infof("Message %s: %s is not an execution end; deleting it", message.messageId(), irrelevant.summary());
            return Disposition.DELETE;
        }
        LOG.warnf(
                "Message %s on the execution events queue is unreadable (%s); left for the dead-letter queue"
                        + " (receive %d)",
                message.messageId(), read.summary(), message.receiveCount());
        return Disposition.LEAVE;
    }
}
