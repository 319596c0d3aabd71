package org.sandpaint.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TerminalTextTest {

    @Test
    void controlCharactersBecomeVisible() {
        String hostile = "a cat\u001b]0;pwned\u0007\u001b[2J\rStep\u0000s: 20\u009b\u202egnp.exe";
        assertEquals("a cat\\e]0;pwned\\u0007\\e[2J\\rStep\\u0000s: 20\\u009b\\u202egnp.exe",
                TerminalText.neutralise(hostile));
    }

    @Test
    void ordinaryTextStaysAsItIs() {
        String text = "a (cat:1.2), 富士山\nNegative prompt: blurry\tx\nSteps: 20, Seed: 1";
        assertEquals(text, TerminalText.neutralise(text));
    }
}
