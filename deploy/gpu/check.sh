#!/usr/bin/env bash
# GPU check for the teacher: builds with the CUDA build of ONNX Runtime (-Pgpu) and runs the teacher
# benchmark with device: cuda. Run on a CUDA host from the repository root:  bash deploy/gpu/check.sh
# Exits non-zero, saying why, when there is no usable GPU or when the teacher fell back to the CPU.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "deploy/gpu/check.sh: $*" >&2; exit 1; }

command -v nvidia-smi >/dev/null 2>&1 || fail "nvidia-smi not found: this host has no NVIDIA driver (no GPU?)"
nvidia-smi -L >/dev/null 2>&1 || fail "nvidia-smi cannot see a GPU: $(nvidia-smi -L 2>&1 | head -1)"
echo "GPU: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | head -1)"

# DJL's tokenizer must never reach the network: both switches, before anything loads.
export OPT_OUT_TRACKING=true
mvn -B -ntp -q -Pgpu package -DskipTests || fail "mvn -Pgpu package failed (is onnxruntime_gpu resolvable?)"

out=$(java -Dai.djl.offline=true -jar target/weakstream.jar bench teacher --device cuda --batch-size 32 --json) \
  || fail "bench teacher failed"
echo "$out"
# The teacher falls back to cpu with a WARN when CUDA cannot be used (missing CUDA/cuDNN libraries,
# driver too old for the ONNX Runtime build): that is a failed check here.
echo "$out" | grep -q '"device":"cuda"' \
  || fail "the teacher ran on cpu, not cuda: see the WARN above (CUDA 12 + cuDNN 9 libraries on LD_LIBRARY_PATH?)"
echo "deploy/gpu/check.sh: OK, teacher ran on cuda"
