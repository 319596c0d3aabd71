package org.sandpaint.server;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerSettingsTest {

    @Test
    void listenAcceptsTheUsualSpellings() {
        assertEquals("127.0.0.1:7860", text(ServerSettings.listen("127.0.0.1:7860", null, List.of())));
        assertEquals("0.0.0.0:8000", text(ServerSettings.listen("0.0.0.0:8000", null, List.of())));
        assertEquals("127.0.0.1:9000", text(ServerSettings.listen(":9000", null, List.of())));
        assertEquals("127.0.0.1:9000", text(ServerSettings.listen("9000", null, List.of())));
        assertEquals("192.168.1.5:7860", text(ServerSettings.listen("192.168.1.5", null, List.of())));
        assertEquals("::1:7861", text(ServerSettings.listen("[::1]:7861", null, List.of())));
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.listen("host:port", null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.listen("127.0.0.1:70000", null, List.of()));
    }

    @Test
    void onlyLoopbackAddressesCountAsLocal() {
        assertTrue(ServerSettings.listen("127.0.0.1:7860", null, List.of()).loopbackOnly());
        assertTrue(ServerSettings.listen("localhost:7860", null, List.of()).loopbackOnly());
        assertTrue(ServerSettings.listen("[::1]:7860", null, List.of()).loopbackOnly());
        assertFalse(ServerSettings.listen("0.0.0.0:7860", null, List.of()).loopbackOnly());
        assertFalse(ServerSettings.listen("[::]:7860", null, List.of()).loopbackOnly());
    }

    @Test
    void apiAuthIsCheckedBeforeAnythingListens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.listen("7860", "alice", List.of()));
        assertTrue(e.getMessage().contains("user:password"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.listen("7860", "alice:", List.of()));
        assertFalse(BasicAuth.parse("alice:pw").accepts("Basic !!!"));
        assertFalse(BasicAuth.parse("alice:pw").accepts("Bearer YWxpY2U6cHc="));
        assertTrue(BasicAuth.parse("alice:pw").accepts("Basic YWxpY2U6cHc="));
    }

    private static String text(ServerSettings s) {
        return s.host() + ":" + s.port();
    }
}
