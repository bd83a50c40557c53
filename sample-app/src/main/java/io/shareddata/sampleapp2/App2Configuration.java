package io.shareddata.sampleapp2;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The whole configuration of the mounted application: Spring MVC and one controller.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebMvc
@Import(App2Controller.class)
public class App2Configuration {

}
