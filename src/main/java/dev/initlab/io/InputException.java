package dev.initlab.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Bad user input: a malformed, truncated or unsupported file, or a file that cannot be read or
 * written. The message is a single line that names the file and says what is wrong, fit to be
 * shown to a user as is (no stack trace needed). A message that tells the caller what to give names the
 * parameter by its {@linkplain MarkedNames marked} Java name ({@code shape}); {@link #getMessage()} shows it
 * plain and a front end spells it its own way ({@code --shape}) through {@link #message}.
 */
public class InputException extends IllegalArgumentException implements MarkedNames.Spelled {
    private static final long serialVersionUID = 1L;

    private final String template;

    /**
     * Creates an exception; line breaks in the message are replaced by spaces.
     *
     * @param message what is wrong, naming the file (parameter names may be marked by {@link MarkedNames#name})
     */
    public InputException(String message) {
        super(MarkedNames.plain(oneLine(message)));
        this.template = oneLine(message);
    }

    /**
     * Creates an exception with a cause; line breaks in the message are replaced by spaces.
     *
     * @param message what is wrong, naming the file (parameter names may be marked by {@link MarkedNames#name})
     * @param cause the underlying failure
     */
    public InputException(String message, Throwable cause) {
        super(MarkedNames.plain(oneLine(message)), cause);
        this.template = oneLine(message);
    }

    @Override
    public String template() {
        return template;
    }

    /** {@code "<path>: <detail>"}. */
    static InputException at(Path path, String detail) {
        return new InputException(path + ": " + detail);
    }

    /** A read failure: {@code "<path>: cannot read: <reason>"}. */
    static InputException cannotRead(Path path, IOException e) {
        return new InputException(path + ": cannot read: " + reason(e), e);
    }

    /** A write failure: {@code "cannot write <path>: <reason>"}. */
    static InputException cannotWrite(Path path, String reason, Throwable cause) {
        return new InputException("cannot write " + path + ": " + reason, cause);
    }

    /** A short human reason for an I/O failure, without the path the JDK repeats. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The message on one line, with control characters escaped ({@link #printable}). */
    static String oneLine(String message) {
        return message == null ? "invalid input" : printable(message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    }

    /**
     * Text from a file made safe to print: control characters (C0, DEL, C1), line and paragraph separators
     * and bidirectional overrides are written as backslash-x and two hex digits (or backslash-u and four), so a tensor named
     * {@code ESC[2J} cannot clear the user's terminal or reorder what it shows.
     */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 && c != '\t' || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            if (bad && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (bad) {
                    sb.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
