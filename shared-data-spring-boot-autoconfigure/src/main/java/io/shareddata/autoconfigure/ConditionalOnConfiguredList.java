package io.shareddata.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a list property has at least one entry, such as {@code shareddata.files.exports}.
 * A feature whose list is empty has nothing to do, so it registers no filter at all rather
 * than one that passes every request on (or, worse, denies every request).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnConfiguredListCondition.class)
public @interface ConditionalOnConfiguredList {

	/**
	 * The full name of the list property.
	 * @return the property name
	 */
	String value();

}
