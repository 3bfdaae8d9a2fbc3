package dev.initlab.model;

import dev.initlab.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parameter tensors of three real architectures, with the initializer each framework applies.
 * Initializers are catalog names and parameters (see {@code initlab list}); fans follow PyTorch
 * ({@code Fans.of(shape, Layout.TORCH)}), and a bias uses its weight's fans.
 *
 * <p>Sources:
 * <ul>
 *   <li>GPT-2 small (124,439,808 parameters): Hugging Face {@code transformers}
 *       {@code GPT2Config} defaults (vocab_size 50257, n_positions 1024, n_embd 768, n_layer 12,
 *       n_inner 4*768) and {@code modeling_gpt2.py} ({@code Conv1D} weights are (nx, nf); the
 *       LM head is tied to {@code wte}); {@code GPT2PreTrainedModel._init_weights}: weights and
 *       embeddings N(0, 0.02^2), {@code c_proj} weights N(0, (0.02/sqrt(2*n_layer))^2), biases 0,
 *       LayerNorm weight 1 and bias 0.</li>
 *   <li>BERT-base (109,482,240 parameters, {@code BertModel} with pooler): {@code BertConfig}
 *       for bert-base-uncased (vocab 30522, hidden 768, 12 layers, intermediate 3072,
 *       max_position_embeddings 512, type_vocab_size 2) and {@code BertPreTrainedModel._init_weights}:
 *       N(0, 0.02^2) for Linear and Embedding weights, biases 0, LayerNorm 1/0.</li>
 *   <li>ResNet-50 (25,557,032 parameters): torchvision {@code models/resnet.py} (Bottleneck,
 *       layers [3, 4, 6, 3], expansion 4, stride on the 3x3 conv) and its init loop: conv
 *       {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")}, BatchNorm weight 1 and
 *       bias 0, the final Linear with PyTorch's default (kaiming_uniform a=sqrt(5), bias
 *       U(+-1/sqrt(fan_in))).</li>
 * </ul>
 * The transformer models take a layer count so a quick run can initialise fewer blocks.
 */
public final class ModelShapes {
    private ModelShapes() {
    }

    /** One parameter tensor: its shape, the scheme and parameters, and the shape its fans come from. */
    public record LayerTensor(String name, Shape shape, String scheme, Map<String, String> params, Shape fanShape) {
        public long count() {
            return shape.count();
        }
    }

    /** The model names {@link #of(String, int)} knows. */
    public static final List<String> MODELS = List.of("gpt2-small", "bert-base", "resnet50");

    /**
     * The tensors of {@code model}; {@code layers} transformer blocks for the transformer models
     * (12 is the real architecture; ignored by resnet50).
     */
    public static List<LayerTensor> of(String model, int layers) {
        return switch (model) {
            case "gpt2-small" -> gpt2(layers);
            case "bert-base" -> bert(layers);
            case "resnet50" -> resnet50();
            default -> throw new IllegalArgumentException("unknown model '" + model + "'; known: " + MODELS);
        };
    }

    private static final Map<String, String> STD002 = Map.of("std", "0.02");

    public static List<LayerTensor> gpt2(int layers) {
        int d = 768;
        List<LayerTensor> t = new ArrayList<>();
        t.add(w("wte", STD002, 50257, d));
        t.add(w("wpe", STD002, 1024, d));
        Map<String, String> proj = Map.of("std", Double.toString(0.02 / Math.sqrt(2 * 12)));
        for (int l = 0; l < layers; l++) {
            String p = "h." + l + ".";
            layerNorm(t, p + "ln_1", d);
            conv1d(t, p + "attn.c_attn", STD002, d, 3 * d);
            conv1d(t, p + "attn.c_proj", proj, d, d);
            layerNorm(t, p + "ln_2", d);
            conv1d(t, p + "mlp.c_fc", STD002, d, 4 * d);
            conv1d(t, p + "mlp.c_proj", proj, 4 * d, d);
        }
        layerNorm(t, "ln_f", d);
        return t;
    }

    public static List<LayerTensor> bert(int layers) {
        int d = 768;
        List<LayerTensor> t = new ArrayList<>();
        t.add(w("embeddings.word_embeddings", STD002, 30522, d));
        t.add(w("embeddings.position_embeddings", STD002, 512, d));
        t.add(w("embeddings.token_type_embeddings", STD002, 2, d));
        layerNorm(t, "embeddings.LayerNorm", d);
        for (int l = 0; l < layers; l++) {
            String p = "encoder.layer." + l + ".";
            linear(t, p + "attention.self.query", STD002, d, d);
            linear(t, p + "attention.self.key", STD002, d, d);
            linear(t, p + "attention.self.value", STD002, d, d);
            linear(t, p + "attention.output.dense", STD002, d, d);
            layerNorm(t, p + "attention.output.LayerNorm", d);
            linear(t, p + "intermediate.dense", STD002, 4 * d, d);
            linear(t, p + "output.dense", STD002, d, 4 * d);
            layerNorm(t, p + "output.LayerNorm", d);
        }
        linear(t, "pooler.dense", STD002, d, d);
        return t;
    }

    public static List<LayerTensor> resnet50() {
        List<LayerTensor> t = new ArrayList<>();
        conv(t, "conv1", 64, 3, 7);
        batchNorm(t, "bn1", 64);
        int inplanes = 64;
        int[] blocks = {3, 4, 6, 3};
        int[] planes = {64, 128, 256, 512};
        for (int s = 0; s < 4; s++) {
            for (int b = 0; b < blocks[s]; b++) {
                String p = "layer" + (s + 1) + "." + b + ".";
                int width = planes[s];
                conv(t, p + "conv1", width, inplanes, 1);
                batchNorm(t, p + "bn1", width);
                conv(t, p + "conv2", width, width, 3);
                batchNorm(t, p + "bn2", width);
                conv(t, p + "conv3", width * 4, width, 1);
                batchNorm(t, p + "bn3", width * 4);
                if (b == 0) {
                    conv(t, p + "downsample.0", width * 4, inplanes, 1);
                    batchNorm(t, p + "downsample.1", width * 4);
                }
                inplanes = width * 4;
            }
        }
        Shape fc = Shape.of(1000, 2048);
        t.add(new LayerTensor("fc.weight", fc, "torch_default", Map.of(), fc));
        t.add(new LayerTensor("fc.bias", Shape.of(1000), "torch_bias_default", Map.of(), fc));
        return t;
    }

    /** A weight with its own fans. */
    private static LayerTensor w(String name, Map<String, String> normal, long... dims) {
        Shape s = Shape.of(dims);
        return new LayerTensor(name + ".weight", s, "normal", normal, s);
    }

    /** A torch Linear: weight (out, in), bias (out). */
    private static void linear(List<LayerTensor> t, String name, Map<String, String> normal, long out, long in) {
        Shape ws = Shape.of(out, in);
        t.add(new LayerTensor(name + ".weight", ws, "normal", normal, ws));
        t.add(new LayerTensor(name + ".bias", Shape.of(out), "zeros", Map.of(), ws));
    }

    /** A GPT-2 Conv1D: weight (nx, nf), bias (nf). */
    private static void conv1d(List<LayerTensor> t, String name, Map<String, String> normal, long nx, long nf) {
        Shape ws = Shape.of(nx, nf);
        t.add(new LayerTensor(name + ".weight", ws, "normal", normal, ws));
        t.add(new LayerTensor(name + ".bias", Shape.of(nf), "zeros", Map.of(), ws));
    }

    private static void layerNorm(List<LayerTensor> t, String name, long d) {
        Shape s = Shape.of(d);
        Shape fan = Shape.of(d, d);
        t.add(new LayerTensor(name + ".weight", s, "ones", Map.of(), fan));
        t.add(new LayerTensor(name + ".bias", s, "zeros", Map.of(), fan));
    }

    private static void batchNorm(List<LayerTensor> t, String name, long c) {
        layerNorm(t, name, c);
    }

    private static void conv(List<LayerTensor> t, String name, long out, long in, long k) {
        Shape s = Shape.of(out, in, k, k);
        t.add(new LayerTensor(name + ".weight", s, "kaiming_normal", Map.of("mode", "fan_out", "nonlinearity", "relu"), s));
    }

    /** Total parameter count. */
    public static long count(List<LayerTensor> tensors) {
        return tensors.stream().mapToLong(LayerTensor::count).sum();
    }

    /** A state_dict entry of {@link #stateDict}: name, shape and whether it is an int64 buffer. */
    public record TensorShape(String name, long[] shape, boolean integer) {
    }

    /**
     * The full state_dict of a built-in model (12 blocks for the transformers) as PyTorch saves it:
     * the parameters of {@link #of} and, for resnet50, each BatchNorm's buffers {@code running_mean},
     * {@code running_var} (float) and {@code num_batches_tracked} (int64 scalar) after its bias.
     */
    public static List<TensorShape> stateDict(String model) {
        List<TensorShape> out = new ArrayList<>();
        for (LayerTensor t : of(model, 12)) {
            out.add(new TensorShape(t.name(), t.shape().dims(), false));
            if (model.equals("resnet50") && t.name().matches(".*(bn\\d|downsample\\.1)\\.bias")) {
                String bn = t.name().substring(0, t.name().length() - ".bias".length());
                out.add(new TensorShape(bn + ".running_mean", t.shape().dims(), false));
                out.add(new TensorShape(bn + ".running_var", t.shape().dims(), false));
                out.add(new TensorShape(bn + ".num_batches_tracked", new long[0], true));
            }
        }
        return out;
    }
}
