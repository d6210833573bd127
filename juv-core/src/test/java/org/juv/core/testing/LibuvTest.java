package org.juv.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the libuv test(s) that a JUnit test ports, as registered in libuv's
 * {@code test/test-list.h}, so the ported set can be counted against libuv's.
 * {@link LibuvTestIndex} checks every name against that list.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LibuvTest {
    /**
     * The libuv test names, e.g. {@code "timer_order"}.
     *
     * @return one or more names
     */
    String[] value();
}
