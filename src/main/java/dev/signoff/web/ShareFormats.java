package dev.signoff.web;

import dev.signoff.admin.Share;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Shares as the analytics page shows them: {@code {share.percent}} ("40%") over {@code {share.fraction}} ("4 of 10"). */
@TemplateExtension
public final class ShareFormats {

    private ShareFormats() {}

    /** Rounded to a whole per cent; a dash when there is nothing to take a share of. */
    static String percent(Share share) {
        return share.none() ? "—" : String.format(Locale.ROOT, "%.0f%%", share.ratio() * 100);
    }

    static String fraction(Share share) {
        return share.none() ? "" : String.format(Locale.ROOT, "%,d of %,d", share.part(), share.whole());
    }
}
