package dev.signoff.contract;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;

/**
 * Runs {@code pattern}, {@code patternProperties} and {@code format: regex} of workflow-supplied schemas on RE2/J,
 * whose matching time is linear in the input: java.util.regex backtracks, so {@code ^(a+)+$} against a reviewer's
 * {@code aaaa…!} would pin the deciding thread for minutes. The price is RE2's syntax: no lookaround and no
 * backreferences (a schema using them is refused at intake, see docs/contract.md), and {@code \s} is ASCII
 * whitespace. ECMA-262's {@code $} (end of input) is RE2's, and {@code \}{@code uXXXX} escapes are translated.
 */
final class LinearRegex implements RegularExpressionFactory {

    static final LinearRegex INSTANCE = new LinearRegex();

    private LinearRegex() {}

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(translate(RegularExpressions.replaceLongformCharacterProperties(regex)));
        } catch (PatternSyntaxException e) {
            throw new UnsupportedPattern(
                    "pattern " + ContractJson.quote(shorten(regex)) + " is not supported (" + e.getDescription()
                            + "): patterns run on a linear-time engine (RE2 syntax: no lookaround, no backreferences)",
                    e);
        }
        // JSON Schema patterns are not anchored: "find", like ECMA-262's RegExp.test.
        return input -> pattern.matcher(input).find();
    }

    /** ECMA-262's {@code \}{@code uXXXX} becomes RE2's {@code \x{XXXX}}; every other escape is left as written. */
    /** A workflow's pattern RE2 cannot run; its message is written for the workflow's author. */
    static final class UnsupportedPattern extends IllegalArgumentException {
        UnsupportedPattern(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The message of the {@link UnsupportedPattern} behind {@code e}, however the validator wrapped it. */
    static java.util.Optional<String> unsupported(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedPattern unsupported) {
                return java.util.Optional.of(unsupported.getMessage());
            }
        }
        return java.util.Optional.empty();
    }

    static String translate(String regex) {
        StringBuilder out = new StringBuilder(regex.length());
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(i + 1);
                if (next == 'u' && isHex(regex, i + 2, 4)) {
                    out.append("\\x{").append(regex, i + 2, i + 6).append('}');
                    i += 5;
                } else {
                    out.append(c).append(next);
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
