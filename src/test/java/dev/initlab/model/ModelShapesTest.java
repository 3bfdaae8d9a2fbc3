package dev.initlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model shape lists reproduce the published parameter counts and name valid initializers. */
class ModelShapesTest {
    @Test
    void parameterCountsMatchTheReferenceImplementations() {
        // GPT2Model / BertModel num_parameters() in Hugging Face transformers; torchvision resnet50()
        assertEquals(124_439_808L, ModelShapes.count(ModelShapes.of("gpt2-small", 12)));
        assertEquals(109_482_240L, ModelShapes.count(ModelShapes.of("bert-base", 12)));
        assertEquals(25_557_032L, ModelShapes.count(ModelShapes.of("resnet50", 12)));
        // parameter tensors: len(list(model.parameters())) = 148, 199, 161
        assertEquals(148, ModelShapes.of("gpt2-small", 12).size());
        assertEquals(199, ModelShapes.of("bert-base", 12).size());
        assertEquals(161, ModelShapes.of("resnet50", 12).size());
    }

    @Test
    void everyTensorHasACatalogInitializerAndTorchFans() {
        for (String m : ModelShapes.MODELS) {
            for (ModelShapes.LayerTensor t : ModelShapes.of(m, 2)) {
                Catalog.of(t.scheme(), Params.of(t.params()), Layout.TORCH);
                Fans f = Fans.of(t.fanShape(), Layout.TORCH);
                assertTrue(f.fanIn() > 0 && f.fanOut() > 0, t.name());
            }
        }
    }

    @Test
    void everyBuiltinModelIsFullyCoveredByItsSpecWithStateDictNames() {
        for (String[] ms : new String[][] {{"gpt2-small", "gpt2"}, {"bert-base", "bert"}, {"resnet50", "resnet50"}}) {
            List<CheckpointWriter.TensorSpec> ts = new java.util.ArrayList<>();
            for (ModelShapes.TensorShape e : ModelShapes.stateDict(ms[0])) {
                ts.add(new CheckpointWriter.TensorSpec(e.name(), e.shape(), e.integer() ? dev.initlab.tensor.Dtype.INT64 : dev.initlab.tensor.Dtype.FLOAT32));
                assertTrue(e.name().endsWith(".weight") || e.name().endsWith(".bias") || e.name().contains(".running_")
                        || e.name().endsWith(".num_batches_tracked"), e.name());
            }
            List<CheckpointWriter.Planned> plan = CheckpointWriter.plan(ts, InitSpec.load(ms[1]));
            assertEquals(ts.size(), plan.size());
        }
        var gpt2 = CheckpointWriter.plan(List.of(new CheckpointWriter.TensorSpec("h.0.attn.c_proj.weight",
                new long[] {768, 768}, dev.initlab.tensor.Dtype.FLOAT32)), InitSpec.load("gpt2"));
        assertEquals(0.02 / Math.sqrt(2), gpt2.get(0).init().distribution(dev.initlab.tensor.Shape.of(768, 768), null)
                .std(), 1e-15, "one h.N block: n_layer 1");
    }
}
