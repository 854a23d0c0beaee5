// One place that hides the name changes of Dear ImGui's SDL backends between 1.86 (Debian 12:
// imgui_impl_sdl / imgui_impl_sdlrenderer) and 1.90 (imgui_impl_sdl2 / imgui_impl_sdlrenderer2).
#pragma once

#include <imgui.h>

#if __has_include("imgui_impl_sdlrenderer2.h")
#include "imgui_impl_sdl2.h"
#include "imgui_impl_sdlrenderer2.h"
#define HEARD_RENDERER_INIT(r) ImGui_ImplSDLRenderer2_Init(r)
#define HEARD_RENDERER_SHUTDOWN() ImGui_ImplSDLRenderer2_Shutdown()
#define HEARD_RENDERER_NEW_FRAME() ImGui_ImplSDLRenderer2_NewFrame()
#define HEARD_RENDERER_RENDER(data, r) ImGui_ImplSDLRenderer2_RenderDrawData(data, r)
#define HEARD_RENDERER_DESTROY_FONTS() ImGui_ImplSDLRenderer2_DestroyFontsTexture()
#define HEARD_RENDERER_CREATE_FONTS() ImGui_ImplSDLRenderer2_CreateFontsTexture()
#else
#include "imgui_impl_sdl.h"
#include "imgui_impl_sdlrenderer.h"
#define HEARD_RENDERER_INIT(r) ImGui_ImplSDLRenderer_Init(r)
#define HEARD_RENDERER_SHUTDOWN() ImGui_ImplSDLRenderer_Shutdown()
#define HEARD_RENDERER_NEW_FRAME() ImGui_ImplSDLRenderer_NewFrame()
#define HEARD_RENDERER_RENDER(data, r) ImGui_ImplSDLRenderer_RenderDrawData(data)
#define HEARD_RENDERER_DESTROY_FONTS() ImGui_ImplSDLRenderer_DestroyFontsTexture()
#define HEARD_RENDERER_CREATE_FONTS() ImGui_ImplSDLRenderer_CreateFontsTexture()
#endif
