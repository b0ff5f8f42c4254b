// /quet: read a receipt's QR with the phone's camera where the browser can (BarcodeDetector and
// getUserMedia), and open it only if it is one of this service's receipt links. Elsewhere the page
// keeps showing how to scan with Zalo, so nothing here is needed to use it.
"use strict";
(function () {
  var box = document.getElementById("scanner");
  var Detector = window.BarcodeDetector;
  var media = navigator.mediaDevices;
  if (!box || !Detector || typeof Detector.getSupportedFormats !== "function" || !media || !media.getUserMedia) {
    return;
  }
  var accept = box.getAttribute("data-accept") || "";
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var button = document.getElementById("scan-start");
  var stream = null;
  var timer = null;

  function say(text) {
    status.textContent = text;
  }

  function stop() {
    clearTimeout(timer);
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
  }

  // Ours: the public address of a receipt page followed by a token and nothing else.
  function ours(value) {
    return typeof value === "string" && accept !== "" && value.indexOf(accept) === 0 &&
      /^[A-Za-z0-9_.-]+$/.test(value.slice(accept.length));
  }

  function look(detector) {
    detector.detect(video).then(function (codes) {
      for (var i = 0; i < codes.length; i++) {
        if (ours(codes[i].rawValue)) {
          stop();
          say("Đã đọc được mã. Đang mở giấy tiếp nhận…");
          window.location.assign(codes[i].rawValue);
          return;
        }
      }
      if (codes.length) {
        say("Mã QR này không phải mã của giấy tiếp nhận hồ sơ. Hãy quét mã in trên giấy tiếp nhận.");
      }
      timer = setTimeout(function () { look(detector); }, 300);
    }).catch(function () {
      timer = setTimeout(function () { look(detector); }, 300);
    });
  }

  function start(detector) {
    button.disabled = true;
    media.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (camera) {
      stream = camera;
      video.srcObject = camera;
      video.hidden = false;
      button.hidden = true;
      say("Đang tìm mã QR…");
      return video.play();
    }).then(function () {
      look(detector);
    }).catch(function () {
      stop();
      button.disabled = false;
      say("Không bật được máy ảnh. Hãy cho phép trang dùng máy ảnh, hoặc quét bằng Zalo như hướng dẫn bên dưới.");
    });
  }

  Detector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) {
      return;
    }
    var detector = new Detector({ formats: ["qr_code"] });
    box.hidden = false;
    button.addEventListener("click", function () { start(detector); });
  }).catch(function () {});
  window.addEventListener("pagehide", stop);
})();
