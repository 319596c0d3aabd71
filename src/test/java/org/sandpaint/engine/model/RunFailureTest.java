package org.sandpaint.engine.model;

import ai.onnxruntime.OrtException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the user reads when a network fails while running. */
class RunFailureTest {

    /** ONNX Runtime's message at 4096x4096 on the demo model (attention's 2 TiB buffer), as it was seen. */
    @Test
    void outOfMemorySaysHowMuchAndWhatToDo() {
        OrtException e = new OrtException("Error code - ORT_FAIL - message: Non-zero status code returned while "
                + "running FusedMatMul node. Name:'/unet/attn_down0/attn1/MatMul/MatMulScaleFusion/' Status Message: "
                + "/onnxruntime_src/onnxruntime/core/framework/bfc_arena.cc:359 void* onnxruntime::BFCArena::"
                + "AllocateRawInternal(size_t, bool, onnxruntime::Stream*) Failed to allocate memory for requested "
                + "buffer of size 2199023255552");
        String message = OnnxPart.runFailure("UNet", Path.of("unet/model.onnx"), e).getMessage();
        assertTrue(message.contains("2048.0 GB"), message);
        assertTrue(message.contains("smaller width and height"), message);
        assertFalse(message.contains("BFCArena"), message);
    }
}
