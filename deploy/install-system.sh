#!/usr/bin/env bash
# System packages cardstream needs: Tesseract with language packs, poppler (PDF pages),
# Prometheus (real server and promtool, used by the tests). Installs what is missing when it can.
set -euo pipefail

# libgl1 and libglib2.0-0: OpenCV's cv2 module (opencv-python) links them.
packages=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-deu tesseract-ocr-fra
          tesseract-ocr-osd poppler-utils prometheus fonts-dejavu-core libgl1 libglib2.0-0)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "cardstream needs: ${missing[*]} (no apt-get here: install them with your package manager)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "cardstream needs root to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
