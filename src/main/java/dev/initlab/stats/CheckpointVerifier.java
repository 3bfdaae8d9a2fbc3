package dev.initlab.stats;

import dev.initlab.dist.Distribution;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.io.MarkedNames;
import dev.initlab.tensor.Dtype;
import dev.initlab.tensor.Shape;
import dev.initlab.io.StoredTensor;
import dev.initlab.model.Checkpoint;
import dev.initlab.model.InitSpec;
import dev.initlab.model.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Verifies a whole checkpoint against an init spec, as one family of checks.
 *
 * <p>Each tensor gets the first rule of the spec that matches it. Its claim is the rule's scheme
 * bound to the tensor's shape and fans: explicit {@code --fan-in/--fan-out}, else for a 1-D
 * {@code X.bias} whose scheme needs fans the fans of its sibling weight {@code X.weight} /
 * {@code X.kernel} (as PyTorch's Linear/Conv bias default uses its weight's fan_in), else the
 * rule's layout applied to the tensor's own shape. The {@link Battery} checks every claimed tensor;
 * tensors with fewer than {@link #MIN_STATISTICAL} elements keep only the exact checks (finite,
 * support, exact structure), because the statistical checks have no useful power there and would
 * only thin the family. Every pair of same-shaped tensors whose laws are IID and continuous gets
 * the distinct-stream checks ({@link StreamChecks}) on their first {@link #PAIR_PREFIX} elements
 * (groups above {@link #MAX_ALL_PAIRS} tensors: neighbours only, said in a note). All statistical
 * checks of all tensors and pairs form ONE family under Holm's procedure at {@code alpha}: a
 * correct checkpoint fails with probability at most alpha, however many tensors it has.
 *
 * <p>Tensors above {@link #LOAD_CAP} elements are never loaded whole: the exact finite and
 * support checks stream over every element in 1 Mi-element slices, and the other checks run on an
 * evenly spaced subset of whole rows of the 2-D view (IID laws only). Memory stays bounded by the
 * cap whatever the checkpoint's size.
 */
public final class CheckpointVerifier {
    /** Below this many elements a tensor gets exact checks only. */
    public static final int MIN_STATISTICAL = 32;
    /** Elements per tensor compared by the distinct-stream checks. */
    public static final int PAIR_PREFIX = 4096;
    /** Largest group of same-shaped tensors compared pairwise (all pairs). */
    public static final int MAX_ALL_PAIRS = 256;
    /** Largest tensor loaded whole (elements); larger ones are streamed and subsampled. */
    public static final int LOAD_CAP = 1 << 24;

    private CheckpointVerifier() {
    }

    /** What became of one tensor. */
    public enum Status {
        /** every check passed. */
        PASS,
        /** a check failed. */
        FAIL,
        /** no rule matched. */
        UNCHECKED,
        /** a {@code skip} rule matched. */
        SKIPPED,
        /** integer / boolean / undecodable dtype: skipped with a note. */
        NOT_FLOAT
    }

    /**
     * One tensor's line of the report.
     *
     * @param name tensor name
     * @param shape dimensions
     * @param dtype the stored element type; null only for a kind {@link Dtype} has no name for (e.g. a NumPy or
     *     TF.js string array: status {@link Status#NOT_FLOAT}, and the detail quotes the file's own spelling)
     * @param rule the rule that matched ({@code file:line: text}), or empty
     * @param law the claimed law with its fans, or empty
     * @param status the verdict
     * @param worstCheck the failed check with the smallest p-value, else the passed statistical check
     *     closest to its threshold, else empty
     * @param detail that check's verdict line (with the hint when it failed), or why the tensor was not checked; a
     *     parameter the hint names stays {@linkplain MarkedNames marked} ({@link #detail()} plain,
     *     {@link #detail(java.util.function.UnaryOperator)} spelled by a front end)
     * @param checks how many checks ran on it
     * @param notes notes about this tensor (fans from the sibling, subsampling, small-tensor policy)
     */
    public record TensorResult(String name, long[] shape, Dtype dtype, String rule, String law, Status status,
                               String worstCheck, String detail, int checks, List<String> notes) {
        /** The detail with parameters named by their Java names ({@code wrong layout?}). */
        @Override
        public String detail() {
            return MarkedNames.plain(detail);
        }

        /** The detail with each parameter name passed through {@code spelling} (the CLI's {@code wrong --layout?}). */
        public String detail(java.util.function.UnaryOperator<String> spelling) {
            return MarkedNames.render(detail, spelling);
        }

        /** The dtype's label ({@code float32}, {@code int64}, ...), {@code other} when {@link #dtype()} is null. */
        public String dtypeLabel() {
            return dtype == null ? "other" : dtype.label();
        }

        /** Shape as {@code 768x2304}, or {@code scalar}. */
        public String shapeText() {
            if (shape.length == 0) {
                return "scalar";
            }
            StringBuilder b = new StringBuilder();
            for (long d : shape) {
                b.append(b.isEmpty() ? "" : "x").append(d);
            }
            return b.toString();
        }
    }

    /**
     * The whole run.
     *
     * @param tensors one result per tensor, in checkpoint order
     * @param report every check after Holm (tensor checks and pair checks)
     * @param warnings rules that matched nothing
     * @param notes run-level notes (pairs compared, variables)
     * @param strict whether unchecked tensors count as failures
     */
    public record CheckpointResult(List<TensorResult> tensors, HolmFamily report, List<String> warnings, List<String> notes,
                         boolean strict) {
        public long count(Status s) {
            return tensors.stream().filter(t -> t.status() == s).count();
        }

        /** Failed distinct-stream checks (subject {@code a vs b}). */
        public List<CheckResult> pairFailures() {
            return report.failures().stream().filter(r -> r.subject().contains(" vs ")).toList();
        }

        /** True when no check failed (and, with strict, every tensor was matched). */
        public boolean passed() {
            return report.passed() && count(Status.FAIL) == 0 && (!strict || count(Status.UNCHECKED) == 0);
        }
    }

    /**
     * CheckpointOptions.
     *
     * @param alpha family-wise false-alarm rate for the whole checkpoint
     * @param subsampleCap the battery's KS/AD subsample cap
     * @param strict unchecked tensors fail the run
     * @param progress receives a progress line now and then (may be a no-op)
     */
    public record CheckpointOptions(double alpha, int subsampleCap, boolean strict, Consumer<String> progress) {
        public CheckpointOptions {
            if (!(alpha > 0 && alpha < 1)) {
                throw new dev.initlab.init.ParameterException(dev.initlab.init.ParameterException.name("alpha")
                        + " must be in (0, 1), got " + alpha);
            }
            Objects.requireNonNull(progress, "progress");
        }

        public static CheckpointOptions defaults() {
            return new CheckpointOptions(0.001, Battery.DEFAULT_SUBSAMPLE_CAP, false, s -> { });
        }
    }

    private record Pending(StoredTensor tensor, String rule, String law, Status status, String detail,
                           List<String> notes) {
    }

    /** Verifies {@code ckpt} against {@code spec}. */
    public static CheckpointResult verify(Checkpoint ckpt, InitSpec spec, CheckpointOptions opt) {
        SpecRun run = new SpecRun(ckpt, spec, opt);
        long start = System.nanoTime();
        long lastProgress = start;
        int done = 0;
        for (StoredTensor t : ckpt.tensors()) {
            long now = System.nanoTime();
            if (now - lastProgress > 2_000_000_000L) {
                opt.progress().accept(String.format(Locale.ROOT, "verify: %d/%d tensors, %.1f s", done,
                        ckpt.tensors().size(), (now - start) / 1e9));
                lastProgress = now;
            }
            done++;
            run.tensor(t);
        }
        run.pairChecks();
        if (!run.vars.isEmpty()) {
            run.runNotes.add("n_layer = " + run.vars.get("n_layer").intValue()
                    + " (h.N / layers.N blocks in the checkpoint)");
        }
        HolmFamily report = HolmFamily.of(run.checks, opt.alpha(), List.of());
        return new CheckpointResult(run.results(report), report, run.unusedRules(), run.runNotes, opt.strict());
    }

    /** The state of one checkpoint verification: every tensor's checks go into one Holm family. */
    private static final class SpecRun {
        final Checkpoint ckpt;
        final InitSpec spec;
        final Battery battery;
        final Map<String, Double> vars;
        final List<Check> checks = new ArrayList<>();
        final List<String> runNotes = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();
        final boolean[] used;
        final Map<Rule, Initializer> initializers = new java.util.IdentityHashMap<>();
        /** Per shape: the first elements of each IID tensor, for the distinct-stream checks. */
        final Map<String, List<Sample>> prefixes = new LinkedHashMap<>();
        final Map<String, List<String>> prefixNames = new LinkedHashMap<>();
        final Consumer<String> progress;

        SpecRun(Checkpoint ckpt, InitSpec spec, CheckpointOptions opt) {
            this.ckpt = ckpt;
            this.spec = spec;
            this.battery = Battery.of(opt.alpha()).withSubsampleCap(opt.subsampleCap());
            this.vars = InitSpec.variables(ckpt.names());
            this.used = new boolean[spec.rules().size()];
            this.progress = opt.progress();
        }

        /** Matches one tensor to its rule and adds its checks (or says why it has none). */
        void tensor(StoredTensor t) {
            List<String> notes = new ArrayList<>();
            String sib = InitSpec.sibling(t.name(), ckpt.names());
            StoredTensor sibling = sib == null ? null : ckpt.tensor(sib);
            Rule rule = spec.match(t.name(), t.rank(), sibling == null ? -1 : sibling.rank());
            if (rule != null) {
                used[spec.rules().indexOf(rule)] = true;
            }
            String ruleText = rule == null ? "" : rule.where() + ": " + rule.text();
            if (!t.decodable()) {
                pending.add(new Pending(t, ruleText, "", Status.NOT_FLOAT, "dtype " + t.dtypeName()
                        + " is not floating point: skipped (integer buffers such as num_batches_tracked hold counts, not draws)",
                        notes));
                return;
            }
            if (rule == null) {
                pending.add(new Pending(t, "", "", Status.UNCHECKED, "no rule of the spec matches", notes));
                return;
            }
            if (rule.skip()) {
                pending.add(new Pending(t, ruleText, "", Status.SKIPPED, "skipped by " + rule.where(), notes));
                return;
            }
            Shape shape = t.rank() == 0 ? Shape.of(1) : Shape.of(t.shape());
            Claim claim = claim(t, shape, rule, sib, sibling, notes);
            if (claim == null) {
                pending.add(new Pending(t, ruleText, "", Status.FAIL, "", notes));
                return;
            }
            String law = claim.describe();
            Dtype dtype = t.dtype().orElseThrow();
            boolean iid = claim.structure() == Initializer.Structure.IID && claim.law().continuous();
            Sample sample = t.count() <= LOAD_CAP ? Sample.of(t.readAll(), shape, dtype)
                    : iid ? rowSubsample(t, shape, dtype, notes) : null;
            if (sample == null) {
                pending.add(new Pending(t, ruleText, law, Status.UNCHECKED, t.count() + " elements: above the "
                        + LOAD_CAP + "-element cap and not IID, so it cannot be checked on a subsample", notes));
                return;
            }
            List<Check> own = smallTensorPolicy(t, ownChecks(t, claim, sample, notes), notes);
            String prefix = t.name() + ": ";
            notes.replaceAll(n -> n.startsWith(prefix) ? n.substring(prefix.length()) : n);
            checks.addAll(own);
            if (iid && t.count() >= MIN_STATISTICAL) {
                String key = Arrays.toString(t.shape());
                double[] v = sample.values();
                double[] p = Arrays.copyOf(v, Math.min(v.length, PAIR_PREFIX));
                prefixes.computeIfAbsent(key, k -> new ArrayList<>()).add(Sample.of(p, Shape.of(p.length), dtype));
                prefixNames.computeIfAbsent(key, k -> new ArrayList<>()).add(t.name());
            }
            pending.add(new Pending(t, ruleText, law, null, "", notes));
        }

        /**
         * The rule's claim for the tensor; null (after adding a failed {@code rule_applies} check) when the rule
         * cannot apply to its shape.
         *
         * @throws IllegalArgumentException naming the rule when its scheme cannot be built at all
         */
        private Claim claim(StoredTensor t, Shape shape, Rule rule, String sib, StoredTensor sibling,
                            List<String> notes) {
            Initializer init = initializers.get(rule);
            if (init == null) {
                try {
                    init = rule.initializer(vars);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(rule.where() + ": tensor '" + t.name() + "': "
                            + dev.initlab.init.ParameterException.message(e, InitSpec::option), e);
                }
                initializers.put(rule, init);
            }
            try {
                Fans fans = rule.fans(init, shape, sibling == null ? null : sibling.shape());
                if (fans != null && rule.fanIn() == 0 && t.rank() == 1 && sibling != null) {
                    notes.add("fans from " + sib + " " + Shape.of(sibling.shape()));
                }
                return Claim.of(init, shape, fans, rule.layout());
            } catch (IllegalArgumentException e) {
                checks.add(Check.exact(t.name(), "rule_applies", false, 0, "rule " + rule.where() + " cannot apply to "
                        + shape + ": " + dev.initlab.init.ParameterException.message(e, InitSpec::option),
                        "the spec's rule does not fit this tensor"));
                return null;
            }
        }

        /**
         * The battery on the whole tensor when it is loaded; above the load cap (IID laws only) a streaming scan
         * for finiteness and support over every element plus the battery on a row subsample.
         */
        private List<Check> ownChecks(StoredTensor t, Claim claim, Sample sample, List<String> notes) {
            if (t.count() <= LOAD_CAP) {
                return battery.checks(claim, sample, t.name(), notes);
            }
            List<Check> own = new ArrayList<>(scan(t, claim.law(), sample.dtype(), progress));
            List<Check> sub = battery.checks(Claim.iid(claim.law(), sample.shape()), sample, t.name(), notes);
            for (Check c : sub) {
                if (!c.name().equals("finite") && !c.name().equals("support")) {
                    own.add(c);
                }
            }
            return own;
        }

        /** Below {@link CheckpointVerifier#MIN_STATISTICAL} elements only the exact checks count (the others have no power). */
        private static List<Check> smallTensorPolicy(StoredTensor t, List<Check> own, List<String> notes) {
            if (t.count() >= MIN_STATISTICAL) {
                return own;
            }
            List<String> dropped = own.stream().filter(c -> c.kind() == Check.Kind.STATISTICAL)
                    .map(Check::name).toList();
            if (!dropped.isEmpty()) {
                notes.add(t.count() + " elements: exact checks only (dropped " + String.join(", ", dropped)
                        + ": no power below " + MIN_STATISTICAL + " elements)");
            }
            return own.stream().filter(c -> c.kind() == Check.Kind.EXACT).toList();
        }

        /** Distinct-stream checks between same-shaped IID tensors: all pairs, or neighbours only when many. */
        void pairChecks() {
            int pairs = 0;
            for (var e : prefixes.entrySet()) {
                List<Sample> s = e.getValue();
                List<String> n = prefixNames.get(e.getKey());
                boolean all = s.size() <= MAX_ALL_PAIRS;
                if (!all) {
                    runNotes.add(s.size() + " tensors of shape " + e.getKey() + ": distinct-stream checks on neighbours "
                            + "only (all pairs above " + MAX_ALL_PAIRS + " tensors)");
                }
                for (int i = 0; i < s.size(); i++) {
                    for (int j = i + 1; j < s.size() && (all || j == i + 1); j++) {
                        checks.addAll(StreamChecks.checks(s.get(i), n.get(i), s.get(j), n.get(j)));
                        pairs++;
                    }
                }
            }
            if (pairs > 0) {
                runNotes.add(pairs + " pairs of same-shaped tensors compared for distinct streams (first "
                        + PAIR_PREFIX + " elements of each)");
            }
        }

        /** One result per tensor, in checkpoint order, each judged by its checks after Holm. */
        List<TensorResult> results(HolmFamily report) {
            Map<String, List<CheckResult>> bySubject = new HashMap<>();
            for (CheckResult r : report.results()) {
                bySubject.computeIfAbsent(r.subject(), k -> new ArrayList<>()).add(r);
            }
            List<TensorResult> out = new ArrayList<>();
            for (Pending p : pending) {
                StoredTensor t = p.tensor();
                Dtype type = t.dtype().orElse(null);
                List<CheckResult> rs = bySubject.getOrDefault(t.name(), List.of());
                if (p.status() != null && p.status() != Status.FAIL) {
                    out.add(new TensorResult(t.name(), t.shape(), type, p.rule(), p.law(), p.status(), "",
                            MarkedNames.unmarked(p.detail()),
                            0, p.notes()));
                    continue;
                }
                CheckResult worst = worst(rs);
                boolean failed = rs.stream().anyMatch(r -> !r.passed());
                out.add(new TensorResult(t.name(), t.shape(), type, p.rule(), p.law(),
                        failed ? Status.FAIL : Status.PASS, worst == null ? "" : worst.name(),
                        worst == null ? "" : worst.verdict(MarkedNames::name), rs.size(), p.notes()));
            }
            return out;
        }

        /** A warning per rule that matched no tensor. */
        List<String> unusedRules() {
            List<String> warnings = new ArrayList<>();
            for (int i = 0; i < used.length; i++) {
                if (!used[i]) {
                    Rule r = spec.rules().get(i);
                    warnings.add("rule " + r.where() + " (" + r.text() + ") matches no tensor");
                }
            }
            return warnings;
        }
    }

    /** The failed check with the smallest p-value; else the statistical check nearest its level. */
    private static CheckResult worst(List<CheckResult> rs) {
        CheckResult best = null;
        double score = Double.POSITIVE_INFINITY;
        for (CheckResult r : rs) {
            double s = !r.passed() ? -1 + r.pValue() - 1 : r.alpha() > 0 ? r.pValue() / r.alpha() : Double.MAX_VALUE;
            if (best == null || s < score) {
                best = r;
                score = s;
            }
        }
        return best;
    }

    /** Exact finite and support checks over every element, streamed in slices. */
    private static List<Check> scan(StoredTensor t, Distribution law, Dtype dtype, Consumer<String> progress) {
        long n = t.count();
        double lo = law.lower();
        double hi = law.upper();
        double tolLo = Double.isFinite(lo) ? dtype.ulp(lo) : 0;
        double tolHi = Double.isFinite(hi) ? dtype.ulp(hi) : 0;
        double[] buf = new double[1 << 20];
        long nonFinite = 0;
        long outside = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long last = System.nanoTime();
        for (long first = 0; first < n; first += buf.length) {
            if (System.nanoTime() - last > 2_000_000_000L) {
                last = System.nanoTime();
                progress.accept(String.format(Locale.ROOT, "verify: %s: %d of %d elements streamed", t.name(), first, n));
            }
            int k = (int) Math.min(buf.length, n - first);
            t.read(first, buf, 0, k);
            for (int i = 0; i < k; i++) {
                double v = buf[i];
                if (!Double.isFinite(v)) {
                    nonFinite++;
                    continue;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v < lo - tolLo || v > hi + tolHi) {
                    outside++;
                }
            }
        }
        List<Check> out = new ArrayList<>();
        out.add(Check.exact(t.name(), "finite", nonFinite == 0, nonFinite, nonFinite == 0
                ? "all " + n + " values finite (streamed)" : nonFinite + " of " + n + " values not finite (streamed)",
                nonFinite == 0 ? "" : "NaN or infinity in the transform"));
        if (Double.isFinite(lo) || Double.isFinite(hi)) {
            out.add(Check.exact(t.name(), "support", outside == 0, outside, String.format(Locale.ROOT,
                    "%d of %d values outside [%.6g, %.6g] (+-1 ulp %s; min %.6g, max %.6g; streamed)", outside, n, lo, hi,
                    dtype, min, max), outside == 0 ? "" : "values outside the claimed interval: wider than claimed"));
        }
        return out;
    }

    /** Evenly spaced whole rows of the (dim0, rest) view, at most LOAD_CAP elements. */
    private static Sample rowSubsample(StoredTensor t, Shape shape, Dtype dtype, List<String> notes) {
        long n = t.count();
        long cols = shape.rank() >= 2 ? n / shape.dim(0) : Math.min(n, 1 << 16);
        long rows = n / cols;
        if (cols > LOAD_CAP) {
            cols = LOAD_CAP;
        }
        int take = (int) Math.max(1, Math.min(rows, LOAD_CAP / cols));
        double[] v = new double[(int) (take * cols)];
        for (int i = 0; i < take; i++) {
            long row = rows == 1 ? 0 : (long) ((double) i * (rows - 1) / Math.max(1, take - 1));
            long rowLen = shape.rank() >= 2 ? n / shape.dim(0) : cols;
            t.read(row * rowLen, v, (int) (i * cols), (int) cols);
        }
        notes.add(String.format(Locale.ROOT, "%d elements: finite/support streamed over all; other checks on %d evenly "
                + "spaced rows of %d (%d elements)", n, take, cols, v.length));
        return Sample.of(v, Shape.of(take, cols), dtype);
    }
}
