#include "server/http_server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "fmt/format.h"
#include "server/http_api.h"

namespace rapport {

void RunServer(const ServeOptions& o) {
  // SIGINT and SIGTERM are taken by one thread (sigwait) that stops the server;
  // blocked here, before any other thread exists, so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto t0 = std::chrono::steady_clock::now();
  ApiState state(o.db, o.report, o.base, o.enrich, o.token);
  state.Refresh();  // the whole store, once
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  httplib::Server server;
  // Without these, Debian's cpp-httplib 0.11.4 did 151 requests/s on loopback (Nagle
  // and a new connection every 5 requests); with them 45k (ARCHITECTURE.md).
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.set_payload_max_length(o.max_body_bytes);
  // A keep-alive connection holds a worker until it closes or idles 5 s: more workers
  // than the default 8, so a few idle clients do not block everyone.
  server.new_task_queue = [] {
    return new httplib::ThreadPool(std::max<size_t>(32, 4 * std::thread::hardware_concurrency()));
  };
  // Compressed bodies are refused before they are read: cpp-httplib would inflate them
  // without a limit (--max-body caps the bytes on the wire only), so a 16 MiB gzip
  // could become gigabytes in memory.
  // Chunked bodies too: 0.11.4 does not hold them to the payload limit (measured: 6 kB
  // accepted under a 4 KiB limit), so a body must announce its Content-Length (411).
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    std::string encoding = req.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "identity") {
      res.status = 415;
      res.set_content("{\"error\":\"compressed request bodies (Content-Encoding) are not accepted\"}\n",
                      "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Transfer-Encoding")) {
      res.status = 411;
      res.set_content("{\"error\":\"send the body with a Content-Length, not chunked\"}\n", "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  for (auto& route : ApiRoutes(state)) {
    if (route.method == Method::kGet) server.Get(route.path, route.handler);
    else server.Post(route.path, route.handler);
  }
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    fmt::print(stderr, "rapport: internal error while serving: {}\n", what);
    res.status = 500;
    res.set_content("{\"error\":\"internal error\"}\n", "application/json");
  });

  int port = o.port;
  if (port == 0) {
    port = server.bind_to_any_port(o.host);
    if (port < 0) throw ListenError(fmt::format("cannot listen on {} (any port)", o.host));
  } else if (!server.bind_to_port(o.host, port)) {
    throw ListenError(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", o.host, port));
  }

  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
  });
  fmt::print(stderr, "rapport: serving http://{}:{} ({} events from {} in {:.1f}s; writes {})\n",
             o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host, port, state.live.events(), o.db,
             load_s, o.token.empty() ? "disabled: no token" : "need the token");
  std::fflush(stderr);
  bool ok = server.listen_after_bind();
  if (!ok && server.is_running()) server.stop();
  // listen_after_bind returned: either a signal stopped it, or it failed; in the
  // latter case wake the stopper thread so it can be joined.
  if (!ok) kill(getpid(), SIGTERM);
  stopper.join();
  fmt::print(stderr, "rapport: stopped\n");
}

}  // namespace rapport
