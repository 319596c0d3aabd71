package org.sandpaint.engine.scheduler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong or absurd scheduler value is refused with its key named, never replaced by a default. */
class SchedulerConfigTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"beta_start\": \"x\"}                | beta_start          | a number",
            "{\"beta_start\": 0}                    | beta_start          | between 0 and 1",
            "{\"beta_end\": 1.5}                    | beta_end            | between 0 and 1",
            "{\"beta_end\": -0.01}                  | beta_end            | between 0 and 1",
            "{\"num_train_timesteps\": 0}           | num_train_timesteps | from 1 to",
            "{\"num_train_timesteps\": -5}          | num_train_timesteps | from 1 to",
            "{\"num_train_timesteps\": 2e9}         | num_train_timesteps | from 1 to",
            "{\"num_train_timesteps\": 1000.5}      | num_train_timesteps | whole number",
            "{\"num_train_timesteps\": \"1000\"}    | num_train_timesteps | whole number",
            "{\"trained_betas\": [0.1, 2]}          | trained_betas       | between 0 and 1",
            "{\"trained_betas\": \"none\"}          | trained_betas       | a list",
            "{\"clip_sample\": \"yes\"}             | clip_sample         | true or false",
            "{\"timestep_spacing\": 3}              | timestep_spacing    | a text",
            "{\"steps_offset\": -1}                 | steps_offset        | 0 to",
    })
    void wrongValuesNameTheirKey(String json, String key, String expected) throws Exception {
        SchedulerConfig config = SchedulerConfig.parse(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);
        assertTrue(e.getMessage().contains("\"" + key + "\"") && e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"beta_start\": 0.00085, \"beta_end\": 0.012, \"num_train_timesteps\": 1000, \"steps_offset\": 1}",
            "{\"num_train_timesteps\": 1000.0, \"clip_sample\": false, \"trained_betas\": null}",
    })
    void realConfigsPass(String json) throws Exception {
        SchedulerConfig.parse(json).validate();
    }
}
