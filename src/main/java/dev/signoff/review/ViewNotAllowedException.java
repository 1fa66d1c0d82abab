package dev.signoff.review;

/** An inbox view this reviewer may not open (the "all" view is for admins). */
public class ViewNotAllowedException extends RuntimeException {

    public ViewNotAllowedException(InboxQuery.View view) {
        super("The \"" + view.param() + "\" view is for admins only");
    }
}
