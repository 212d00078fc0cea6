"""Analysis of the partnership's workshop data: plain Python and pandas, no Streamlit."""
