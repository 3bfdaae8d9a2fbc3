package dev.initlab.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the sections of one report share: directories, the document, figure names, progress output. */
final class ReportContext {
    final Path in;
    final Path out;
    final Doc doc = new Doc();
    final List<Path> figures = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private final PrintStream progress;
    private final Set<String> names = new HashSet<>();

    ReportContext(Path in, Path out, PrintStream progress) {
        this.in = in;
        this.out = out;
        this.progress = progress;
    }

    void progress(String msg) {
        progress.println("report: " + msg);
    }

    /** Notes a problem with an input: shown in the report and on stderr. */
    void warn(String msg) {
        warnings.add(msg);
        progress("warning: " + msg);
    }

    /** A fresh figure path relative to the output directory: {@code figures/<slug>.png}. */
    String figureName(String slug) {
        String base = slug.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (base.isEmpty()) {
            base = "figure";
        }
        if (base.length() > 80) {
            base = base.substring(0, 80);
        }
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "-" + i;
        }
        return "figures/" + name + ".png";
    }

    /** Records a written figure and adds it to the document. */
    void addFigure(String rel, String alt, String caption) {
        figures.add(out.resolve(rel));
        doc.image(rel, alt, caption);
    }

    /**
     * A path as a link from the report: relative to the output directory (where REPORT.md and
     * report.html live), with forward slashes.
     */
    String link(Path p) {
        Path base = out.toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        try {
            return base.relativize(abs).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) { // another root (Windows drive)
            return abs.toString().replace('\\', '/');
        }
    }

    /** A path as shown in the report: relative to the input directory's parent when possible. */
    String show(Path p) {
        Path base = in.toAbsolutePath().normalize().getParent();
        Path abs = p.toAbsolutePath().normalize();
        if (base != null && abs.startsWith(base)) {
            return base.relativize(abs).toString();
        }
        return p.toString();
    }
}
