package org.sandpaint.engine.checkpoint;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PickleFilesTest {

    @Test
    void namesPickleFormatsAndSaysWhatToUseInstead() {
        for (String name : new String[]{"a.ckpt", "a.PT", "a.pth", "a.bin", "a.vae.pt"}) {
            assertTrue(PickleFiles.isPickle(Path.of(name)), name);
        }
        assertFalse(PickleFiles.isPickle(Path.of("a.safetensors")));
        assertEquals("v1-5.ckpt is a pickle checkpoint. Sandpaint does not run pickle checkpoints (loading one can "
                + "run any code in it); use the .safetensors version of this model.",
                PickleFiles.refuseCheckpoint(Path.of("/m/v1-5.ckpt")).getMessage());
        assertTrue(PickleFiles.refuseVae(Path.of("x.vae.pt")).getMessage().contains("pickle VAE files (.pt)"));
    }
}
