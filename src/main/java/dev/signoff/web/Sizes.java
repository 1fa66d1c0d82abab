package dev.signoff.web;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Byte counts as people read them: {@code 512 bytes}, {@code 12.1 KiB}, {@code 3.4 MiB}. */
@TemplateExtension
public final class Sizes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Sizes() {}

    @TemplateExtension(matchName = "bytes")
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Rows and other counts with thousands separators, as in "showing 50 of 1,234 rows". */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
