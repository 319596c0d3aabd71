package org.sandpaint.engine.checkpoint.lora;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The WebUI's kohya -> LDM rules, one case per rule (SD's 2 res blocks per level). */
class LoraModuleNamesTest {

    private static String sd1(String module) {
        return LoraModuleNames.toLdm(module, false);
    }

    @Test
    void downBlocksCountThreeInputBlocksPerLevel() {
        assertEquals("diffusion_model_input_blocks_1_0_in_layers_2", sd1("lora_unet_down_blocks_0_resnets_0_conv1"));
        assertEquals("diffusion_model_input_blocks_5_0_out_layers_3", sd1("lora_unet_down_blocks_1_resnets_1_conv2"));
        assertEquals("diffusion_model_input_blocks_8_1_transformer_blocks_0_attn1_to_q",
                sd1("lora_unet_down_blocks_2_attentions_1_transformer_blocks_0_attn1_to_q"));
        assertEquals("diffusion_model_input_blocks_4_0_skip_connection", sd1("lora_unet_down_blocks_1_resnets_0_conv_shortcut"));
        assertEquals("diffusion_model_input_blocks_1_0_emb_layers_1", sd1("lora_unet_down_blocks_0_resnets_0_time_emb_proj"));
    }

    @Test
    void attentionNamesKeepTheirRest() {
        assertEquals("diffusion_model_input_blocks_2_1_proj_in", sd1("lora_unet_down_blocks_0_attentions_1_proj_in"));
        assertEquals("diffusion_model_output_blocks_3_1_transformer_blocks_0_ff_net_0_proj",
                sd1("lora_unet_up_blocks_1_attentions_0_transformer_blocks_0_ff_net_0_proj"));
        assertEquals("diffusion_model_output_blocks_5_1_transformer_blocks_0_attn2_to_out_0",
                sd1("lora_unet_up_blocks_1_attentions_2_transformer_blocks_0_attn2_to_out_0"));
    }

    @Test
    void middleBlockPutsAttentionBetweenItsResBlocks() {
        assertEquals("diffusion_model_middle_block_1_proj_out", sd1("lora_unet_mid_block_attentions_0_proj_out"));
        assertEquals("diffusion_model_middle_block_0_in_layers_2", sd1("lora_unet_mid_block_resnets_0_conv1"));
        assertEquals("diffusion_model_middle_block_2_out_layers_3", sd1("lora_unet_mid_block_resnets_1_conv2"));
    }

    @Test
    void upBlocksAndSamplers() {
        assertEquals("diffusion_model_output_blocks_7_0_in_layers_2", sd1("lora_unet_up_blocks_2_resnets_1_conv1"));
        assertEquals("diffusion_model_input_blocks_3_0_op", sd1("lora_unet_down_blocks_0_downsamplers_0_conv"));
        assertEquals("diffusion_model_input_blocks_6_0_op", sd1("lora_unet_down_blocks_1_downsamplers_0_conv"));
        assertEquals("diffusion_model_output_blocks_2_1_conv", sd1("lora_unet_up_blocks_0_upsamplers_0_conv"));
        assertEquals("diffusion_model_output_blocks_5_2_conv", sd1("lora_unet_up_blocks_1_upsamplers_0_conv"));
    }

    @Test
    void inputOutputAndTimeLayers() {
        assertEquals("diffusion_model_input_blocks_0_0", sd1("lora_unet_conv_in"));
        assertEquals("diffusion_model_out_2", sd1("lora_unet_conv_out"));
        assertEquals("diffusion_model_time_embed_0", sd1("lora_unet_time_embedding_linear_1"));
        assertEquals("diffusion_model_time_embed_2", sd1("lora_unet_time_embedding_linear_2"));
    }

    @Test
    void textEncoderLayersForClipAndOpenClip() {
        assertEquals("transformer_text_model_encoder_layers_11_self_attn_q_proj",
                sd1("lora_te_text_model_encoder_layers_11_self_attn_q_proj"));
        assertEquals("model_transformer_resblocks_3_attn_q_proj",
                LoraModuleNames.toLdm("lora_te_text_model_encoder_layers_3_self_attn_q_proj", true));
        assertEquals("model_transformer_resblocks_3_mlp_c_fc",
                LoraModuleNames.toLdm("lora_te_text_model_encoder_layers_3_mlp_fc1", true));
        assertEquals("model_transformer_resblocks_3_mlp_c_proj",
                LoraModuleNames.toLdm("lora_te_text_model_encoder_layers_3_mlp_fc2", true));
    }

    @Test
    void unknownNamesPassThrough() {
        assertEquals("lora_unet_something_else", sd1("lora_unet_something_else"));
    }
}
