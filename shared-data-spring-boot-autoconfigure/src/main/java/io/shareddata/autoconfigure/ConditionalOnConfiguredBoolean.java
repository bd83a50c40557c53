package io.shareddata.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a boolean setting, such as {@code shareddata.headers.security-preset}, is true
 * as the binder reads it into the feature's properties class ({@code true}, {@code on},
 * {@code yes} or {@code 1}, in any case), so the condition and the bound value agree. A value
 * that is no boolean stops start-up. The features' own {@code enabled} switches keep Spring
 * Boot's {@code @ConditionalOnBooleanProperty}; {@link FeatureSwitches} refuses the values it
 * would read as false without saying so.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnConfiguredBooleanCondition.class)
public @interface ConditionalOnConfiguredBoolean {

	/**
	 * The full name of the property.
	 * @return the property name
	 */
	String value();

	/**
	 * Whether the condition matches when the property is not set.
	 * @return whether to match if the property is missing
	 */
	boolean matchIfMissing() default false;

}
