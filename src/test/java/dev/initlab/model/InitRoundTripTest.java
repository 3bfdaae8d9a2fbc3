package dev.initlab.model;

import dev.initlab.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.io.Safetensors;
import dev.initlab.stats.StatSeeds;
import dev.initlab.stats.CheckpointVerifier;
import dev.initlab.tensor.Dtype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init} then {@code verify}. Verify runs on correct output use {@code --alpha 1e-6} with the
 * master seed: {@link #NULL_RUNS} such runs add at most 4e-6 to the suite's false-failure
 * probability (union bound). The wrong-rule run fails by a variance ratio of 4 (z &gt; 80).
 */
class InitRoundTripTest {
    static final int NULL_RUNS = 4;
    static final String SEED = Long.toUnsignedString(StatSeeds.master());
    static final Path GPT2 = CheckpointTest.MODELS.resolve("tiny_gpt2.safetensors");

    @TempDir
    Path dir;

    @AfterAll
    static void budget() {
        System.out.printf(java.util.Locale.ROOT, "[initlab] InitRoundTripTest: %d verify runs on correct output at "
                + "family-wise alpha 1e-06: false-failure probability <= %.1e (union bound)%n", NULL_RUNS, NULL_RUNS * 1e-6);
    }

    private CliRun.Result init(String... extra) {
        String[] base = {"init", "--seed", SEED};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CheckpointTest.cli(all);
    }

    @Test
    void initLikeThenVerifyPassesAndOneChangedRuleFailsExactlyItsTensors() throws IOException {
        Path fresh = dir.resolve("fresh.safetensors");
        var w = init("--like", GPT2.toString(), "--spec", "gpt2", "--out", fresh.toString());
        assertEquals(0, w.code(), w.err());
        var v = CheckpointTest.cli("verify", fresh.toString(), "--spec", "gpt2", "--alpha", "1e-6");
        assertEquals(0, v.code(), v.out());
        assertTrue(v.out().contains("28 tensors: 28 pass"), v.out());

        Path spec = dir.resolve("gpt2-noscale.spec");
        Files.writeString(spec, InitSpec.builtinText("gpt2").replace("normal  --std 0.02/sqrt(2*n_layer)",
                "normal  --std 0.02"));
        Path wrong = dir.resolve("wrong.safetensors");
        assertEquals(0, init("--like", GPT2.toString(), "--spec", spec.toString(), "--out", wrong.toString()).code());
        CheckpointVerifier.CheckpointResult r = CheckpointVerifier.verify(Checkpoint.open(wrong), InitSpec.load("gpt2"),
                new CheckpointVerifier.CheckpointOptions(1e-6, 1 << 20, false, s -> { }));
        assertEquals(ModelFixturesTest.C_PROJ, ModelFixturesTest.failed(r));
        // every other tensor is bit-identical to the correct file: streams depend on names only
        Checkpoint a = Checkpoint.open(fresh);
        Checkpoint b = Checkpoint.open(wrong);
        for (String n : a.names()) {
            if (!ModelFixturesTest.C_PROJ.contains(n)) {
                assertArrayEquals(a.tensor(n).readAll(), b.tensor(n).readAll(), n);
            }
        }
    }

    @Test
    void bitIdenticalForEveryEngineAndThreadCount() throws IOException {
        byte[] first = null;
        for (String[] e : List.of(new String[] {"scalar", "1"}, new String[] {"vector", "1"},
                new String[] {"parallel", "3"}, new String[] {"auto", "2"}, new String[] {"parallel", "1"})) {
            Path f = dir.resolve("e-" + e[0] + e[1] + ".safetensors");
            var w = init("--like", GPT2.toString(), "--spec", "gpt2", "--out", f.toString(), "--engine", e[0],
                    "--threads", e[1]);
            assertEquals(0, w.code(), w.err());
            byte[] bytes = Files.readAllBytes(f);
            if (first == null) {
                first = bytes;
            } else {
                assertArrayEquals(first, bytes, e[0] + " x" + e[1]);
            }
        }
    }

    @Test
    void streamDependsOnTheNameOnlyAndMetadataRecordsIt() throws IOException {
        Path f = dir.resolve("m.safetensors");
        assertEquals(0, init("--like", GPT2.toString(), "--spec", "gpt2", "--out", f.toString()).code());
        Map<String, String> meta = Safetensors.metadata(f);
        assertEquals(SEED, meta.get("initlab_seed"));
        assertEquals(CheckpointWriter.LAYOUT_VERSION, meta.get("initlab_layout_version"));
        assertEquals(Integer.toString(dev.initlab.random.PhiloxStream.GENERATOR_VERSION), meta.get("initlab_generator_version"));
        assertEquals(InitSpec.builtinText("gpt2"), meta.get("initlab_spec"));
        assertTrue(meta.get("streams").contains("\"wte.weight\":\"" + Long.toUnsignedString(CheckpointWriter.streamOf("wte.weight")) + "\""));
        // a checkpoint with only some of the tensors draws them identically
        Path spec = dir.resolve("one.spec");
        Files.writeString(spec, "*.c_fc.weight normal --std 0.02\n*.c_fc.bias zeros\n");
        Path sub = dir.resolve("sub.safetensors");
        Path like = dir.resolve("like.safetensors");
        Checkpoint g = Checkpoint.open(GPT2);
        Safetensors.write(like, List.of(g.tensor("h.1.mlp.c_fc.weight").load(), g.tensor("h.1.mlp.c_fc.bias").load()));
        assertEquals(0, init("--like", like.toString(), "--spec", spec.toString(), "--out", sub.toString()).code());
        assertArrayEquals(Checkpoint.open(f).tensor("h.1.mlp.c_fc.weight").readAll(),
                Checkpoint.open(sub).tensor("h.1.mlp.c_fc.weight").readAll());
        // the documented derivation, known answers from Python:
        // struct.unpack('<Q', hashlib.sha256(name.encode()).digest()[:8])[0]
        assertEquals("954157252428886943", Long.toUnsignedString(CheckpointWriter.streamOf("wte.weight")));
        assertEquals("1882375941412806621", Long.toUnsignedString(CheckpointWriter.streamOf("h.0.attn.c_proj.weight")));
    }

    @Test
    void shardsWithAnIndexAboveMaxShardSizeAndVerify() {
        Path out = dir.resolve("model.safetensors");
        var w = init("--like", GPT2.toString(), "--spec", "gpt2", "--out", out.toString(), "--max-shard-size", "200KB");
        assertEquals(0, w.code(), w.err());
        assertFalse(Files.exists(out));
        Path index = dir.resolve("model.safetensors.index.json");
        assertTrue(Files.exists(index));
        Checkpoint c = Checkpoint.open(index);
        assertTrue(c.files() >= 3, "shards: " + c.files());
        assertEquals(28, c.tensors().size());
        var v = CheckpointTest.cli("verify", index.toString(), "--spec", "gpt2", "--alpha", "1e-6");
        assertEquals(0, v.code(), v.out());
        Set<String> shards = new TreeSet<>();
        c.tensors().forEach(t -> shards.add(t.file().getFileName().toString()));
        assertTrue(shards.contains("model-00001-of-0000" + c.files() + ".safetensors"), shards.toString());
    }

    @Test
    void modelsAndRefusals() throws IOException {
        Path out = dir.resolve("r.safetensors");
        var w = init("--model", "resnet50", "--spec", "resnet50", "--out", out.toString(), "--dtype", "bfloat16",
                "--max-shard-size", "1GB");
        assertEquals(0, w.code(), w.err());
        Checkpoint c = Checkpoint.open(out);
        assertEquals(161 + 53 * 3, c.tensors().size(), "parameters + BatchNorm buffers");
        assertEquals(java.util.Optional.of(Dtype.INT64), c.tensor("layer4.2.bn3.num_batches_tracked").dtype());
        assertEquals(java.util.Optional.of(Dtype.BFLOAT16), c.tensor("fc.weight").dtype());
        var again = init("--model", "resnet50", "--spec", "resnet50", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("exists; give --force"), again.err());
        Path spec = dir.resolve("partial.spec");
        Files.writeString(spec, "*.weight normal\n");
        var unmatched = init("--model", "resnet50", "--spec", spec.toString(), "--out", dir.resolve("x.safetensors").toString());
        assertEquals(2, unmatched.code());
        assertTrue(unmatched.err().contains("no rule matches tensor 'bn1.bias'"), unmatched.err());
        assertFalse(Files.exists(dir.resolve("x.safetensors")));
        assertEquals(2, init("--spec", "gpt2", "--out", "y.safetensors").code(), "needs --like or --model");
        Path existing = dir.resolve("w.safetensors");
        var fill = CheckpointTest.cli("fill", "--scheme", "zeros", "--shape", "4", "--out", existing.toString());
        assertEquals(0, fill.code(), fill.err());
        var refill = CheckpointTest.cli("fill", "--scheme", "zeros", "--shape", "4", "--out", existing.toString());
        assertEquals(2, refill.code());
        assertTrue(refill.err().contains("give --force"), refill.err());
        assertEquals(0, CheckpointTest.cli("fill", "--scheme", "ones", "--shape", "4", "--out", existing.toString(),
                "--force").code());
    }
}
