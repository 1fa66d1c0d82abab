package dev.signoff.admin;

/** A part of a whole, such as approvals that were edited out of all approvals. No whole, no share: {@link #none}. */
public record Share(long part, long whole) {

    public boolean none() {
        return whole == 0;
    }

    /** part / whole, 0 to 1; 0 when there is no whole (check {@link #none} before showing it). */
    public double ratio() {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
