package lsp

import (
	"context"
	"errors"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// tolerantStream keeps a session alive through malformed messages. jsonrpc2's
// read loop ends the connection on the first frame it cannot decode; this
// stream answers such a frame with a JSON-RPC error (id null, as the
// specification wants when the id cannot be read), logs it and reads on.
// Framing is Content-Length based, so a bad body never desynchronises the
// stream; a bad header consumes at least its own lines, so reading always
// progresses. closed is closed when reading fails for good (end of input).
type tolerantStream struct {
	jsonrpc2.Stream
	log    *zap.Logger
	closed chan struct{}
	once   sync.Once
}

func newTolerantStream(inner jsonrpc2.Stream, log *zap.Logger) *tolerantStream {
	return &tolerantStream{Stream: inner, log: log, closed: make(chan struct{})}
}

// Read implements jsonrpc2.Stream.
func (s *tolerantStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		msg, n, err := s.Stream.Read(ctx)
		if err == nil {
			return msg, n, nil
		}
		reply, malformed := malformedReply(err)
		if !malformed {
			s.once.Do(func() { close(s.closed) })
			return nil, 0, err
		}
		s.log.Warn("skipped a malformed message", zap.Error(err))
		if _, werr := s.Stream.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, reply)); werr != nil {
			s.log.Warn("could not answer a malformed message", zap.Error(werr))
		}
	}
}

// malformedReply classifies a read error: a message that could not be
// decoded (answered with the returned error) or the end of the stream.
func malformedReply(err error) (*jsonrpc2.Error, bool) {
	switch {
	case errors.Is(err, jsonrpc2.ErrParse), errors.Is(err, jsonrpc2.ErrInvalidHeader):
		return jsonrpc2.ErrParse, true
	case errors.Is(err, jsonrpc2.ErrInvalidRequest):
		return jsonrpc2.ErrInvalidRequest, true
	}
	return nil, false
}
