package dev.initlab.experiment;

import dev.initlab.io.CsvTables;
import java.nio.file.Path;
import java.util.List;

/** Writes one CSV table of a study (columns = the record's components, via {@link CsvTables}) and says where. */
final class StudyTable {
    private StudyTable() {
    }

    /** Writes {@code rows} to {@code dir/file} atomically; returns the path. */
    static <R extends Record> Path write(Path dir, String file, Class<R> type, List<R> rows) {
        Path p = dir.resolve(file);
        CsvTables.write(p, type, rows);
        return p;
    }
}
