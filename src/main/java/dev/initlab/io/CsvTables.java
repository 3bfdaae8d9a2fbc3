package dev.initlab.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * CSV tables of Java records: one header row with the record component names, in declaration
 * order, then one row per record. Written atomically with full-precision numbers; {@code NaN},
 * {@code Infinity} and {@code -Infinity} are written and read as those words.
 *
 * <p>Components must be primitives, boxed primitives, {@code String}s or enums. On reading, the
 * header must equal the component names exactly, every row must have every column, and an empty
 * cell is an error for a primitive, {@code null} for a boxed primitive or enum and {@code ""} for a
 * {@code String} (so a {@code null} String does not survive a round trip).
 */
public final class CsvTables {
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
            .build();

    private static final Set<Class<?>> SCALARS = Set.of(Boolean.class, Byte.class, Short.class, Integer.class,
            Long.class, Float.class, Double.class, Character.class, String.class);

    private CsvTables() {
    }

    /**
     * Writes records as CSV with a header row, atomically.
     *
     * @param path the file to create or replace
     * @param type the record class; its components are the columns
     * @param rows the records
     * @param <R> the record type
     * @throws IllegalArgumentException if {@code type} is not a record or has a component that is
     *     not a scalar
     * @throws InputException if the file cannot be written
     */
    public static <R extends Record> void write(Path path, Class<R> type, List<R> rows) {
        CsvSchema schema = schema(type);
        AtomicFiles.write(path, out -> {
            try (SequenceWriter w = CSV.writerFor(type).with(schema).writeValues(out)) {
                w.writeAll(rows);
            }
        });
    }

    /**
     * Reads records from a CSV file written by {@link #write} (or by anyone using the same header).
     *
     * @param path the file
     * @param type the record class
     * @param <R> the record type
     * @return the records, in file order
     * @throws IllegalArgumentException if {@code type} is not a record or has a component that is
     *     not a scalar
     * @throws InputException if the file is missing or unreadable, empty, its header does not match
     *     the record, or a row is malformed; the message gives the line
     */
    public static <R extends Record> List<R> read(Path path, Class<R> type) {
        CsvSchema schema = schema(type);
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            in.mark(1);
            if (in.read() < 0) {
                throw InputException.at(path, "empty file: expected the header row "
                        + String.join(",", schema.getColumnNames()));
            }
            in.reset();
            try (MappingIterator<R> it = CSV.readerFor(type).with(schema).readValues(in)) {
                return it.readAll();
            }
        } catch (JacksonException e) {
            throw InputException.at(path, describe(e));
        } catch (CharacterCodingException e) {
            throw InputException.at(path, "not valid UTF-8 text");
        } catch (IOException e) {
            throw InputException.cannotRead(path, e);
        }
    }

    /** The schema of a record class: its component names as columns, header row, strict header. */
    static CsvSchema schema(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true).setStrictHeaders(true);
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            if (!t.isPrimitive() && !t.isEnum() && !SCALARS.contains(t)) {
                throw new IllegalArgumentException("record " + type.getSimpleName() + ": component '" + c.getName()
                        + "' has type " + t.getSimpleName() + "; CSV columns must be primitives, boxed primitives,"
                        + " String or enums");
            }
            boolean number = t != boolean.class && t != char.class && (t.isPrimitive() || Number.class.isAssignableFrom(t));
            b.addColumn(c.getName(), number ? CsvSchema.ColumnType.NUMBER
                    : t == boolean.class || t == Boolean.class ? CsvSchema.ColumnType.BOOLEAN
                    : CsvSchema.ColumnType.STRING);
        }
        return b.build();
    }

    private static String describe(JacksonException e) {
        StringBuilder b = new StringBuilder();
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            b.append("line ").append(loc.getLineNr()).append(": ");
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().get(m.getPath().size() - 1).getFieldName();
            if (field != null) {
                b.append("column '").append(field).append("': ");
            }
        }
        String message = e.getOriginalMessage();
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            message = "\"" + f.getValue() + "\" is not a valid " + f.getTargetType().getSimpleName();
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null
                && m.getTargetType().isPrimitive() && message.startsWith("Cannot coerce `null`")) {
            message = "empty cell, but the column holds " + m.getTargetType().getSimpleName() + " values";
        }
        return b.append(message).toString();
    }
}
