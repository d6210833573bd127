package org.juv.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.juv.core.ErrorCode;
import org.juv.core.Loop;
import org.juv.core.UvException;
import org.juv.core.testing.LibuvTest;
import org.juv.core.testing.LoopExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libuv hands the resolver a host name's ASCII form, made by its own IDNA code
 * ({@code uv__idna_toascii}, test-idna.c's {@code idna_toascii}): Punycode for each label with a
 * character beyond ASCII, and no mapping. A recording resolver stands in for the C library's in
 * the lookups below, so no name server is asked anything.
 */
@ExtendWith(LoopExtension.class)
@Timeout(30)
class InternationalNameTest {
    private final List<String> asked = new ArrayList<>();

    /** test-idna.c's conversions (most from RFC 3492 and punycode.js, four from UTS #46). */
    static Stream<Arguments> libuvsConversions() {
        return Stream.of(new String[][] {
            {".", "."},
            {".com", ".com"},
            {"example", "example"},
            {"example-", "example-"},
            {"straße.de", "xn--strae-oqa.de"},
            {"foo.bar", "foo.bar"},
            {"mañana.com", "xn--maana-pta.com"},
            {"example.com.", "example.com."},
            {"bücher.com", "xn--bcher-kva.com"},
            {"café.com", "xn--caf-dma.com"},
            {"café.café.com", "xn--caf-dma.xn--caf-dma.com"},
            {"☃-⌘.com", "xn----dqo34k.com"},
            {"퐀☃-⌘.com", "xn----dqo34kn65z.com"},
            {"💩.la", "xn--ls8h.la"},
            {"mañana。com", "xn--maana-pta.com"},
            {"mañana．com", "xn--maana-pta.com"},
            {"mañana｡com", "xn--maana-pta.com"},
            {"ü", "xn--tda"},
            {".ü", ".xn--tda"},
            {"ü.ü", "xn--tda.xn--tda"},
            {"ü.ü.", "xn--tda.xn--tda."},
            {"üëäö♥", "xn--4can8av2009b"},
            {"Willst du die Blüthe des frühen, die Früchte des späteren Jahres",
                "xn--Willst du die Blthe des frhen, die Frchte des spteren Jahres-x9e96lkal"},
            {"ليهمابتكلموشعربي؟", "xn--egbpdaj6bu4bxfgehfvwxn"},
            {"他们为什么不说中文", "xn--ihqwcrb4cv8a8dqg056pqjye"},
            {"他們爲什麽不說中文", "xn--ihqwctvzc91f659drss3x8bo0yb"},
            {"Pročprostěnemluvíčesky", "xn--Proprostnemluvesky-uyb24dma41a"},
            {"למההםפשוטלאמדבריםעברית", "xn--4dbcagdahymbxekheh6e0a7fei0b"},
            {"यहलोगहिन्दीक्योंनहींबोलसकतेहैं", "xn--i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd"},
            {"なぜみんな日本語を話してくれないのか", "xn--n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"},
            {"세계의모든사람들이한국어를이해한다면얼마나좋을까",
                "xn--989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c"},
            {"почемужеонинеговорятпорусски", "xn--b1abfaaepdrnnbgefbadotcwatmq2g4l"},
            {"PorquénopuedensimplementehablarenEspañol", "xn--PorqunopuedensimplementehablarenEspaol-fmd56a"},
            {"TạisaohọkhôngthểchỉnóitiếngViệt", "xn--TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g"},
            {"3年B組金八先生", "xn--3B-ww4c5e180e575a65lsy2b"},
            {"安室奈美恵-with-SUPER-MONKEYS", "xn---with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"},
            {"Hello-Another-Way-それぞれの場所", "xn--Hello-Another-Way--fc4qua05auwb3674vfr0b"},
            {"ひとつ屋根の下2", "xn--2-u9tlzr9756bt3uc0v"},
            {"MajiでKoiする5秒前", "xn--MajiKoi5-783gue6qz075azm5e"},
            {"パフィーdeルンバ", "xn--de-jg4avhby1noc0d"},
            {"そのスピードで", "xn--d9juau41awczczp"},
            {"-> $1.00 <-", "-> $1.00 <-"},
            {"faß.de", "xn--fa-hia.de"},
            {"βόλος.com", "xn--nxasmm1c.com"},
            {"ශ්\u200dරී.com", "xn--10cl1a0b660p.com"},
            {"نامه\u200cای.com", "xn--mgba3gch31f060k.com"},
        }).map(p -> Arguments.of(p[0], p[1]));
    }

    @ParameterizedTest
    @MethodSource("libuvsConversions")
    @LibuvTest("idna_toascii")
    void shouldConvertEachLabelToPunycodeWithoutMappingAndConvertItsOwnOutputToItself(String name, String ascii) {
        assertEquals(ascii, Idna.toAscii(name));
        assertEquals(ascii, Idna.toAscii(ascii), "converting the ASCII form again changes nothing");
    }

    @Test
    void shouldHandAnAsciiNameOnAsTheSameString() {
        String name = "localhost";
        assertSame(name, Idna.toAscii(name));
    }

    @Test
    @LibuvTest("idna_toascii")
    void shouldRefuseAnEmptyNameALoneSurrogateOrAnAsciiFormOf256BytesWithEinval() {
        for (String bad : new String[] {"", "\ud800", "a\udc00.com", "ü" + "\ud83d",
            "a".repeat(256), "bücher.".repeat(20) + "com"}) {
            assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Idna.toAscii(bad)).code(),
                    () -> "refused: " + bad.length() + " chars");
        }
        assertEquals(255, Idna.toAscii("a".repeat(255)).length(), "255 bytes and the NUL fit");
        String longLabel = "ü" + "a".repeat(70); // libuv has no 63-byte label limit
        assertTrue(Idna.toAscii(longLabel).startsWith("xn--" + "a".repeat(70) + "-"));
    }

    /**
     * Punycode takes time quadratic in a label's length: a name that cannot fit is refused
     * before it is converted (converted first, this one takes about 24 s here).
     */
    @Test
    @Timeout(5)
    void shouldRefuseALongInternationalNameBeforeConvertingIt() {
        StringBuilder distinct = new StringBuilder(); // 50 000 different code points in one label
        for (int cp = 0x10000; cp < 0x10000 + 50_000; cp++) {
            distinct.appendCodePoint(cp);
        }
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class, () -> Idna.toAscii(distinct.toString())).code());
    }

    private void record() {
        StubResolver.install("recording", asked::add);
    }

    @AfterEach
    void restore() {
        StubResolver.uninstall();
    }

    @Test
    void shouldLookUpANameInItsAsciiForm(Loop loop) {
        record();
        GetAddrInfo.getaddrinfo(loop, null, "Bücher.example", null, null);
        GetAddrInfo.getaddrinfo(loop, null, "localhost", null, null);
        GetAddrInfo.getaddrinfo(loop, null, "münchen。straße.example", "80", null);
        assertEquals(List.of("xn--Bcher-kva.example", "localhost", "xn--mnchen-3ya.xn--strae-oqa.example"), asked);
    }

    @Test
    void shouldRefuseANameWithNoAsciiFormBeforeAnyLookupWithOrWithoutACallback(Loop loop) {
        record();
        String tooLong = "bücher.".repeat(20) + "example"; // 14 bytes a label in ASCII
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                () -> GetAddrInfo.getaddrinfo(loop, null, tooLong, null, null)).code());
        assertEquals(ErrorCode.EINVAL, assertThrows(UvException.class,
                () -> GetAddrInfo.getaddrinfo(loop, (r, s, l) -> { }, "", "80", null)).code());
        assertTrue(asked.isEmpty(), "the stub resolver was asked " + asked);
    }
}
