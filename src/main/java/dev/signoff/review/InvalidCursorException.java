package dev.signoff.review;

/** An {@code after} that is not a cursor the inbox gave out for this view and sort: the client's mistake (400). */
public class InvalidCursorException extends IllegalArgumentException {

    public InvalidCursorException(String message) {
        super(message);
    }
}
