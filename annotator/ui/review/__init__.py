"""The reviewer's desk: review mode over every layer, agreement view and its charts."""
