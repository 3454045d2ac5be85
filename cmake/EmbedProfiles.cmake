# Writes OUTPUT: one C++ initializer per YAML file in INPUTS, as
#   {"name.yaml", R"dbtidy_yaml(...)dbtidy_yaml"},
set(content "// Generated from lib/profiles/*.yaml; do not edit.\n")
string(REPLACE "|" ";" INPUTS "${INPUTS}")
list(SORT INPUTS)
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME)
  file(READ "${input}" text)
  string(APPEND content "{\"${name}\", R\"dbtidy_yaml(${text})dbtidy_yaml\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
