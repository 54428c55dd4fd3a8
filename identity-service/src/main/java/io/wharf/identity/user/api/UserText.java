package io.wharf.identity.user.api;

import io.wharf.common.error.ValidationException;
import java.util.regex.Pattern;

/**
 * Text users give identity that others see or that ends up in mail headers and logs (team, person
 * and token names). Control characters ({@code \p{Cc}}: CR, LF, TAB, NUL, ESC, DEL...) have no place
 * there: a CR/LF in a team name would split the invitation mail's Subject header or forge log lines.
 * Neither have the invisible ones that change what others read: format characters ({@code \p{Cf}}:
 * right-to-left override, zero-width space/joiner, BOM...; a name could show as another or hide a
 * part) and the Unicode line and paragraph separators ({@code \p{Zl}}, {@code \p{Zp}}: line breaks to
 * some readers). All are refused (400 on the field), never stripped, so what is stored is what was sent.
 */
public final class UserText {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private UserText() {
    }

    public static boolean hasControlCharacters(String value) {
        return value != null && CONTROL.matcher(value).find();
    }

    /** @throws ValidationException 400 on {@code field} when {@code value} holds a control character */
    public static void refuseControlCharacters(String value, String field) {
        if (hasControlCharacters(value)) {
            throw new ValidationException(field + " must not contain control characters (line breaks, tabs...).",
                    field, null);
        }
    }
}
